package dev.crossdeploy.gate;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.account.SessionNames;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.stage.StageResolver;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;

/**
 * The tested-before-production gate. After the integration tests pass against a stage, a
 * record {@code <prefix>/<artifactId>/verified/<sha256>.json} is written beside the artifact in
 * that stage's bucket; a stage configured with {@code requireVerifiedIn} deploys only an
 * artifact whose record exists there. The record lives in the tested account, written with
 * that account's deploy role, so no other account can forge it.
 */
public final class VerificationGate {
    private final Reporter reporter;
    private final Clock clock;

    public VerificationGate(Reporter reporter, Clock clock) {
        this.reporter = reporter;
        this.clock = clock;
    }

    /** Records that {@code sha256} passed in {@code stage}. */
    public String recordPass(AccountSession session, Stage stage, String artifactId, String sha256, String buildId) {
        String key = recordKey(stage, artifactId, sha256);
        String body = "{\"artifactId\":\"" + artifactId + "\",\"sha256\":\"" + sha256 + "\",\"stage\":\"" + stage.name()
                + "\",\"verifiedAt\":\"" + clock.instant() + "\""
                + (buildId == null ? "" : ",\"buildId\":\"" + buildId.replace("\"", "") + "\"") + "}";
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(stage.artifactBucket()).key(key)
                .expectedBucketOwner(stage.accountId()).contentType("application/json");
        if (stage.kmsKeyId() != null) {
            put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(stage.kmsKeyId());
        } else {
            put.serverSideEncryption(ServerSideEncryption.AES256);
        }
        session.s3().putObject(put.build(), RequestBody.fromString(body));
        reporter.info("Recorded that " + artifactId + " sha256 " + sha256 + " passed in " + stage.name()
                + " (s3://" + stage.artifactBucket() + "/" + key + ")");
        return key;
    }

    /**
     * For a target stage with {@code requireVerifiedIn}: opens a session in the tested stage's
     * account and refuses, before any write to the target, an artifact that did not pass there
     * ({@code sha256} null: there is no artifact at all).
     *
     * @return the proof the engine's deploy and upload demand for this target; null for stages without the requirement
     */
    public Verified requireBeforeDeploy(StageResolver stages, Stage target, AwsSettings settings,
                                    String artifactId, String sha256) {
        if (target.requireVerifiedIn() == null) return null;
        if (sha256 == null) {
            throw new CrossdeployException("Stage " + target.name() + " deploys only artifacts verified in "
                    + target.requireVerifiedIn() + ", but no packaged and uploaded artifact was found;"
                    + " run package and upload-to-account -Dstage=" + target.name() + " first.");
        }
        Stage tested = stages.resolve(target.requireVerifiedIn());
        try (AccountSession session = AccountSession.open(tested, settings, SessionNames.forStage(tested.name()), reporter)) {
            return requirePass(session, tested, target, artifactId, sha256);
        }
    }

    /**
     * Refuses, before any write, to deploy {@code sha256} to {@code target} unless it passed in
     * {@code verifiedStage}, whose account {@code session} reaches.
     *
     * @return the proof that it passed, for {@code target}
     */
    public Verified requirePass(AccountSession session, Stage verifiedStage, Stage target, String artifactId, String sha256) {
        String key = recordKey(verifiedStage, artifactId, sha256);
        try {
            session.s3().headObject(r -> r.bucket(verifiedStage.artifactBucket()).key(key)
                    .expectedBucketOwner(verifiedStage.accountId()));
            reporter.info("Gate: " + artifactId + " sha256 " + sha256 + " passed in " + verifiedStage.name()
                    + "; " + target.name() + " may receive it.");
            return new Verified(target.name(), sha256);
        } catch (NoSuchKeyException e) {
            throw refusal(session, verifiedStage, target, artifactId, sha256);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) throw refusal(session, verifiedStage, target, artifactId, sha256);
            throw e;
        }
    }

    private CrossdeployException refusal(AccountSession session, Stage verifiedStage, Stage target, String artifactId, String sha256) {
        String latest = latestPass(session, verifiedStage, artifactId)
                .map(o -> "the latest that passed there is " + shaOf(o.key()) + " (" + o.lastModified() + ")")
                .orElse("no artifact of " + artifactId + " has passed there yet");
        return new CrossdeployException("Refusing to deploy " + artifactId + " sha256 " + sha256 + " to " + target.name()
                + ": it has not passed the integration tests in " + verifiedStage.name() + "; " + latest
                + ". Deploy and test this artifact in " + verifiedStage.name() + " first.");
    }

    private static Optional<S3Object> latestPass(AccountSession session, Stage stage, String artifactId) {
        String prefix = recordPrefix(stage, artifactId);
        return session.s3().listObjectsV2Paginator(r -> r.bucket(stage.artifactBucket()).prefix(prefix)
                        .expectedBucketOwner(stage.accountId()))
                .contents().stream()
                .filter(o -> o.key().endsWith(".json"))
                .max(Comparator.comparing(S3Object::lastModified));
    }

    private static String shaOf(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return name.substring(0, name.length() - ".json".length());
    }

    static String recordPrefix(Stage stage, String artifactId) {
        String prefix = stage.artifactPrefix().replaceAll("^/+|/+$", "");
        return (prefix.isEmpty() ? "" : prefix + "/") + artifactId + "/verified/";
    }

    static String recordKey(Stage stage, String artifactId, String sha256) {
        return recordPrefix(stage, artifactId) + sha256 + ".json";
    }
}
