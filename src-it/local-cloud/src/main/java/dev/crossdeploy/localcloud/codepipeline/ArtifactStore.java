package dev.crossdeploy.localcloud.codepipeline;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.s3.StoredObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The pipeline's S3 artifact store: artifacts are zips under
 * {@code <pipeline name, 20 chars>/<artifact name, 10 chars>/<7 random chars>} as CodePipeline
 * names them, written and read as the pipeline's role (s3:PutObject, s3:GetObject).
 */
final class ArtifactStore {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CloudState state;
    private final PipelineDefinition pipeline;
    private final PipelineRole role;

    ArtifactStore(CloudState state, PipelineDefinition pipeline, PipelineRole role) {
        this.state = state;
        this.pipeline = pipeline;
        this.role = role;
    }

    static String key(String pipelineName, String artifactName) {
        StringBuilder random = new StringBuilder();
        for (int i = 0; i < 7; i++) random.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return truncate(pipelineName, 20) + "/" + truncate(artifactName, 10) + "/" + random;
    }

    private static String truncate(String s, int max) { return s.length() <= max ? s : s.substring(0, max); }

    /** Uploads a zip as the named artifact. */
    ArtifactLocation put(String artifactName, Path zip) throws ActionFailure {
        String bucket = pipeline.artifactBucket();
        String key = key(pipeline.name(), artifactName);
        role.require("PutObject", "s3:PutObject", "arn:aws:s3:::" + bucket + "/" + key, pipeline.accountId());
        if (bucket == null || !state.s3().exists(bucket)) {
            throw new ActionFailure("The artifact bucket " + bucket + " does not exist");
        }
        try (InputStream in = Files.newInputStream(zip)) {
            state.s3().writeObject(bucket, key, in, "application/zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArtifactLocation(artifactName, bucket, key);
    }

    /** The file holding an artifact's zip. */
    Path get(ArtifactLocation artifact) throws ActionFailure {
        role.require("GetObject", "s3:GetObject", "arn:aws:s3:::" + artifact.bucket() + "/" + artifact.key(), pipeline.accountId());
        Optional<StoredObject> o = state.s3().object(artifact.bucket(), artifact.key());
        if (o.isEmpty()) {
            throw new ActionFailure("The input artifact " + artifact.name() + " is missing from s3://" + artifact.bucket()
                    + "/" + artifact.key());
        }
        return o.get().file();
    }
}
