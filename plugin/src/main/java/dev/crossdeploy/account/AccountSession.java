package dev.crossdeploy.account;

import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Optional;

/**
 * Clients for one stage's account, signed with the stage's deploy role. Opening it assumes
 * the role and checks that the credentials belong to the stage's account (AssumeRole's answer
 * names it), so nothing is written anywhere else. The credentials refresh themselves before
 * they expire, so a long deployment keeps working. Clients are built on first use.
 *
 * <p>With settings {@linkplain AwsSettings#sharedWithin shared within a build}, every goal of
 * that build opening the same stage (same account, role, external id, region, session name,
 * endpoint and base credentials) gets the one role assumed first; closing the session then
 * leaves it open for the next goal.
 */
public final class AccountSession implements AutoCloseable {
    private final Stage stage;
    private final AssumedRole role;
    private final boolean shared;
    private boolean closed;

    private AccountSession(Stage stage, AssumedRole role, boolean shared) {
        this.stage = stage;
        this.role = role;
        this.shared = shared;
    }

    /**
     * Assumes {@code stage}'s deploy role with {@code settings}' base credentials, or takes the one
     * this build already assumed for the same stage.
     *
     * @param sessionName the role session name, see {@link SessionNames}
     * @throws dev.crossdeploy.CrossdeployException when the role cannot be assumed or lands in another account
     */
    public static AccountSession open(Stage stage, AwsSettings settings, String sessionName, Reporter reporter) {
        SecretSafeLogging.apply();
        Optional<SessionKey> key = settings.buildScope() == null ? Optional.empty() : keyOf(stage, settings, sessionName);
        AccountSession session = key
                .map(k -> new AccountSession(stage, SessionCache.shared().lease(settings.buildScope(), k,
                        () -> AssumedRole.assume(stage, settings, sessionName)), true))
                .orElseGet(() -> new AccountSession(stage, AssumedRole.assume(stage, settings, sessionName), false));
        reporter.info("Stage " + stage.name() + ": account " + stage.accountId() + " (" + stage.region()
                + ") as " + session.role.identityArn());
        return session;
    }

    /** Empty when the base credentials cannot be read: then the role is assumed unshared and explains why it fails. */
    private static Optional<SessionKey> keyOf(Stage stage, AwsSettings settings, String sessionName) {
        try {
            AwsCredentials base = settings.baseCredentials().resolveCredentials();
            return Optional.of(SessionKey.of(stage, settings, sessionName, base));
        } catch (SdkException e) {
            return Optional.empty();
        }
    }

    public String accountId() { return stage.accountId(); }

    public String region() { return stage.region(); }

    public Stage stage() { return stage; }

    /** The deploy role's credentials, refreshed before they expire. */
    public AwsCredentialsProvider credentials() { return role.credentials(); }

    /** S3 in the stage's account and region (path-style when asked or when the endpoint is local), built on first use. */
    public S3Client s3() { return role.s3(); }

    /** Whether S3 is addressed path-style, as {@link #s3()} does: for a client of another kind. */
    public boolean s3PathStyle() { return role.s3PathStyle(); }

    /** The endpoint the settings override, as {@link #s3()} uses it: for a client of another kind. */
    public Optional<URI> s3EndpointOverride() { return role.endpointOverride(); }

    /** CloudFormation in the stage's account and region, built on first use. */
    public CloudFormationClient cloudFormation() { return role.cloudFormation(); }

    /** KMS in the stage's account and region, built on first use. */
    public KmsClient kms() { return role.kms(); }

    /**
     * Runs {@code check} unless a check of the same {@code name} already passed in this build's
     * session for the stage (upload-to-account and deploy-stack of one build share it), so a
     * stage's one-off checks cost one call per build. A check that fails is tried again next time.
     */
    public void once(String name, Runnable check) { role.once(name, check); }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (shared) {
            role.release();
        } else {
            role.close();
        }
    }
}
