package dev.crossdeploy.account;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Clients for one stage's account, signed with the stage's deploy role. Opening it assumes
 * the role and proves with GetCallerIdentity that the credentials belong to the stage's
 * account, so nothing is written anywhere else. The credentials refresh themselves before
 * they expire, so a long deployment keeps working.
 */
public final class AccountSession implements AutoCloseable {
    private final Stage stage;
    private final AwsSettings settings;
    private final StsClient baseSts;
    private final StsAssumeRoleCredentialsProvider credentials;
    private S3Client s3;
    private CloudFormationClient cloudFormation;

    private AccountSession(Stage stage, AwsSettings settings, StsClient baseSts,
                           StsAssumeRoleCredentialsProvider credentials) {
        this.stage = stage;
        this.settings = settings;
        this.baseSts = baseSts;
        this.credentials = credentials;
    }

    /**
     * Assumes {@code stage}'s deploy role with {@code settings}' base credentials.
     *
     * @param sessionName the role session name, see {@link SessionNames}
     * @throws dev.crossdeploy.CrossdeployException when the role cannot be assumed or lands in another account
     */
    public static AccountSession open(Stage stage, AwsSettings settings, String sessionName, Reporter reporter) {
        SecretSafeLogging.apply();
        StsClient baseSts = configure(StsClient.builder(), stage, settings)
                .credentialsProvider(settings.baseCredentials()).build();
        StsAssumeRoleCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(baseSts)
                .refreshRequest(r -> r.roleArn(stage.deployRoleArn()).roleSessionName(sessionName)
                        .externalId(stage.externalId()))
                .build();
        AccountSession session = new AccountSession(stage, settings, baseSts, credentials);
        try {
            session.assumeAndCheck(reporter);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void assumeAndCheck(Reporter reporter) {
        try {
            credentials.resolveCredentials();
        } catch (StsException e) {
            throw assumeFailed(e);
        } catch (SdkClientException e) {
            // No base credentials, or STS unreachable: both are the build environment's to fix.
            throw new CrossdeployException("Cannot assume deploy role " + stage.deployRoleArn() + " for stage '"
                    + stage.name() + "': " + AwsErrors.explain(e, settings.endpointOverride()), e);
        }
        GetCallerIdentityResponse identity;
        try (StsClient assumed = configure(StsClient.builder(), stage, settings).credentialsProvider(credentials).build()) {
            identity = assumed.getCallerIdentity();
        }
        if (!stage.accountId().equals(identity.account())) {
            throw new CrossdeployException("Refusing to deploy stage '" + stage.name() + "': role "
                    + stage.deployRoleArn() + " gave credentials of account " + identity.account()
                    + ", not the stage's account " + stage.accountId()
                    + "; fix the stage's accountId or deployRoleArn. Nothing was written.");
        }
        reporter.info("Stage " + stage.name() + ": account " + identity.account() + " (" + stage.region()
                + ") as " + identity.arn());
    }

    private CrossdeployException assumeFailed(StsException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        if (!"AccessDenied".equals(code)) {
            return new CrossdeployException("Cannot assume deploy role " + stage.deployRoleArn() + " for stage '"
                    + stage.name() + "': " + AwsErrors.explain(e), e);
        }
        String caller = callerArn();
        String externalIdHint = stage.externalId() == null
                ? "and whether it requires an sts:ExternalId (set the stage's externalId)"
                : "and that its sts:ExternalId condition matches the stage's externalId";
        return new CrossdeployException("Access denied assuming deploy role " + stage.deployRoleArn()
                + " for stage '" + stage.name() + "' as " + caller + "; check that the role exists, that its trust"
                + " policy trusts this caller's account " + externalIdHint
                + ", and that the caller may call sts:AssumeRole on it.", e);
    }

    private String callerArn() {
        try {
            return baseSts.getCallerIdentity().arn();
        } catch (SdkException e) {
            return "(a caller STS cannot name: " + AwsErrors.explain(e) + ")";
        }
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Stage stage, AwsSettings settings) {
        builder.region(Region.of(stage.region()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        var policy = Retries.policy();
        if (settings.callAttemptTimeout() != null) {
            policy = policy.toBuilder().apiCallAttemptTimeout(settings.callAttemptTimeout()).build();
        }
        return builder.overrideConfiguration(policy);
    }

    public String accountId() { return stage.accountId(); }

    public String region() { return stage.region(); }

    public Stage stage() { return stage; }

    /** The deploy role's credentials, refreshed before they expire. */
    public AwsCredentialsProvider credentials() { return credentials; }

    /** S3 in the stage's account and region (path-style when asked or when the endpoint is local). */
    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = configure(S3Client.builder(), stage, settings).credentialsProvider(credentials)
                    .forcePathStyle(S3Addressing.pathStyle(settings.pathStyleAccess(), settings.endpointOverride(),
                            System::getenv, System::getProperty)).build();
        }
        return s3;
    }

    /** CloudFormation in the stage's account and region. */
    public synchronized CloudFormationClient cloudFormation() {
        if (cloudFormation == null) {
            cloudFormation = configure(CloudFormationClient.builder(), stage, settings)
                    .credentialsProvider(credentials).build();
        }
        return cloudFormation;
    }

    @Override
    public synchronized void close() {
        if (s3 != null) s3.close();
        if (cloudFormation != null) cloudFormation.close();
        credentials.close();
        baseSts.close();
    }
}
