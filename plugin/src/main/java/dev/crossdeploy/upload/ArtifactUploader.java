package dev.crossdeploy.upload;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsErrors;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.gate.Verified;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts the packaged artifact into a stage's artifact bucket under a content-addressed key,
 * {@code <prefix><artifactId>/<sha256>.zip}, once: an object already there with that SHA-256
 * (one HEAD) is left alone. Large files go up as parallel multipart uploads. A template over
 * CloudFormation's inline limit goes up too, under {@code <prefix><artifactId>/templates/}.
 * <pre>{@code
 * try (AccountSession session = AccountSession.open(stage, settings, sessionName, reporter)) {
 *     UploadResult result = new ArtifactUploader(session, UploadOptions.DEFAULTS, reporter).upload(manifest);
 * }
 * }</pre>
 */
public final class ArtifactUploader {
    /** CloudFormation's limit for TemplateBody; larger templates must be read from S3. */
    public static final long TEMPLATE_BODY_LIMIT = Template.MAX_BODY_BYTES;
    /** Object metadata holding the hex SHA-256: multipart objects carry a checksum of part checksums instead. */
    static final String SHA256_METADATA = "sha256";

    private final AccountSession session;
    private final UploadOptions options;
    private final Reporter reporter;
    /** Why the native S3 client cannot run in this JVM, or empty when it can. */
    private final Supplier<Optional<String>> nativeUnavailable;

    public ArtifactUploader(AccountSession session, UploadOptions options, Reporter reporter) {
        this(session, options, reporter, NativeMultipartPut::unavailable);
    }

    /** With the native client's availability given, for a platform where its library does not load. */
    ArtifactUploader(AccountSession session, UploadOptions options, Reporter reporter, Supplier<Optional<String>> nativeUnavailable) {
        this.session = session;
        this.options = options;
        this.reporter = reporter;
        this.nativeUnavailable = nativeUnavailable;
    }

    /**
     * Uploads to a stage without {@code requireVerifiedIn}; see {@link #upload(ArtifactManifest, Verified)}.
     */
    public UploadResult upload(ArtifactManifest manifest) {
        return upload(manifest, null);
    }

    /**
     * Checks the gate, the artifact, its template and the stage's KMS key (nothing is written when one
     * refuses), then uploads.
     *
     * @param proof what the verification gate returned for this stage and artifact, for a stage with
     *              {@code requireVerifiedIn}; null otherwise
     * @throws CrossdeployException when the gate refuses, the artifact is not what was packaged, not a zip,
     *                              lacks a handler's class, or the template is unreadable or too big
     */
    public UploadResult upload(ArtifactManifest manifest, Verified proof) {
        return upload(manifest, proof, ArtifactPreflight.deferred(manifest));
    }

    /** As {@link #upload(ArtifactManifest, Verified)}, with the artifact's own checks already under way. */
    UploadResult upload(ArtifactManifest manifest, Verified proof, ArtifactPreflight preflight) {
        Verified.require(session.stage(), manifest.sha256(), proof);
        preflight.await();
        KmsKeyCheck.require(session);
        Stage stage = session.stage();
        String base = stage.artifactPrefix() + manifest.artifactId() + "/";
        ObjectTarget artifact = new ObjectTarget(stage, base + manifest.sha256() + ".zip");
        long started = System.nanoTime();
        UploadResult.Status status = putOnce(artifact, manifest.file(), manifest.sha256(), "application/zip");
        reporter.info(status == UploadResult.Status.SKIPPED ? "Artifact already in " + artifact.uri()
                : "Uploaded artifact to " + artifact.uri() + " (" + UploadRate.of(manifest.size(), System.nanoTime() - started) + ")");
        return new UploadResult(stage.name(), artifact.bucket(), artifact.key(), manifest.sha256(), manifest.size(),
                status, bigTemplate(manifest.template(), base));
    }

    private UploadResult.TemplateObject bigTemplate(Path template, String base) {
        if (template == null || size(template) <= TEMPLATE_BODY_LIMIT) return null;
        String sha = Sha256.hexOf(template);
        String name = template.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.')) : ".template";
        ObjectTarget target = new ObjectTarget(session.stage(), base + "templates/" + sha + extension);
        UploadResult.Status status = putOnce(target, template, sha, "text/plain; charset=utf-8");
        String url = session.s3().utilities().getUrl(b -> b.bucket(target.bucket()).key(target.key())).toExternalForm();
        reporter.info("Template " + name + " is over CloudFormation's " + TEMPLATE_BODY_LIMIT + "-byte inline limit; "
                + (status == UploadResult.Status.SKIPPED ? "already in " : "uploaded to ") + target.uri());
        return new UploadResult.TemplateObject(target.bucket(), target.key(), sha, url, status);
    }

    private UploadResult.Status putOnce(ObjectTarget target, Path file, String sha256Hex, String contentType) {
        S3Client s3 = session.s3();
        String checksum = Sha256.hexToBase64(sha256Hex);
        try {
            if (alreadyThere(s3, target, sha256Hex, checksum)) return UploadResult.Status.SKIPPED;
            long size = size(file);
            Map<String, String> metadata = Map.of(SHA256_METADATA, sha256Hex);
            if (size > options.multipartThreshold()) {
                multipart(s3, target, file, size, metadata, contentType);
            } else {
                CompilerTierCheck.warning(file.getFileName().toString(), size).ifPresent(reporter::warn);
                // The precomputed value goes as a header; naming the algorithm too would make the
                // SDK send a second, trailing checksum of the same type.
                s3.putObject(target.put().contentType(contentType).contentLength(size).metadata(metadata)
                        .checksumSHA256(checksum).build(),
                        RequestBody.fromFile(file));
            }
            return UploadResult.Status.UPLOADED;
        } catch (S3Exception e) {
            // Another run putting the same content-addressed object aborted this run's upload as a leftover:
            // the object it completed is the one this run was putting.
            if ("NoSuchUpload".equals(code(e)) && alreadyThere(s3, target, sha256Hex, checksum)) return UploadResult.Status.SKIPPED;
            // 5xx left after the SDK's retries is S3 breaking, not something the user can fix.
            if (e.statusCode() >= 500) throw e;
            throw explain(e, target);
        }
    }

    /** Through the native client where its library loads, else through the Java client. */
    private void multipart(S3Client s3, ObjectTarget target, Path file, long size, Map<String, String> metadata, String contentType) {
        Optional<String> unavailable = options.nativeClient() ? nativeUnavailable.get() : Optional.of("");
        if (unavailable.isEmpty()) {
            // Leftovers of a killed run are listed and aborted as the Java client does it, before the first part.
            new LeftoverUploads(s3, reporter).abortUnfinished(target);
            new NativeMultipartPut(session, options, reporter).put(target, file, size, metadata, contentType);
            return;
        }
        if (options.nativeClient()) {
            reporter.info("The native S3 client does not load on this machine (" + unavailable.get() + "); uploading with the Java client.");
        }
        CompilerTierCheck.warning(file.getFileName().toString(), size).ifPresent(reporter::warn);
        new MultipartPut(s3, options, reporter).put(target, file, size, metadata, contentType);
    }

    private static boolean alreadyThere(S3Client s3, ObjectTarget target, String sha256Hex, String checksum) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(target.bucket()).key(target.key())
                    .expectedBucketOwner(target.owner()).checksumMode(ChecksumMode.ENABLED));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(code(e))) return false;
            throw e;
        }
        return checksum.equals(head.checksumSHA256()) || sha256Hex.equals(head.metadata().get(SHA256_METADATA));
    }

    private CrossdeployException explain(S3Exception e, ObjectTarget target) {
        Stage stage = session.stage();
        String code = code(e);
        if ("NoSuchBucket".equals(code) || (e.statusCode() == 404 && code.isEmpty())) {
            return new CrossdeployException("Artifact bucket " + target.bucket() + " does not exist in account "
                    + stage.accountId() + " (" + stage.region() + "); bootstrap stage '" + stage.name()
                    + "' or set its artifactBucket.", e);
        }
        if (e.statusCode() == 403) {
            return new CrossdeployException("Access denied writing " + target.uri() + " for stage '" + stage.name()
                    + "' (" + code + "); check that the bucket belongs to account " + stage.accountId()
                    + " and that role " + stage.deployRoleArn() + " may s3:GetObject and s3:PutObject there"
                    + (stage.kmsKeyId() == null ? "." : " and use KMS key " + stage.kmsKeyId() + "."), e);
        }
        return new CrossdeployException("Writing " + target.uri() + " for stage '" + stage.name() + "': "
                + AwsErrors.explain(e), e);
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
