package dev.crossdeploy.account;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One assumed deploy role, checked to be in the stage's account, and the clients signed with
 * it, each built on first use over one HTTP client. The credentials refresh themselves before
 * they expire (the SDK's provider renews them minutes ahead), so one instance can serve every
 * goal of a long build.
 */
final class AssumedRole implements AutoCloseable {
    private final Stage stage;
    private final AwsSettings settings;
    private final String sessionName;
    private final SdkHttpClient http;
    private final StsClient baseSts;
    private final StsAssumeRoleCredentialsProvider credentials;
    private final AtomicInteger leases = new AtomicInteger();
    /** Checks passed with this role, so goals of one build sharing it run each check once. */
    private final java.util.Set<String> passed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private String identityArn;
    private S3Client s3;
    private CloudFormationClient cloudFormation;
    private KmsClient kms;

    private AssumedRole(Stage stage, AwsSettings settings, String sessionName) {
        this.stage = stage;
        this.settings = settings;
        this.sessionName = sessionName;
        // One HTTP client for STS, S3 and CloudFormation: the JDK's, ~330 classes lighter than Apache 4 and
        // quicker to build (BENCHMARKS.md); FailedEndpoint names the endpoint in its errors as Apache 4 did.
        // Proxies as Apache 4 took them: HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and the JVM's proxy properties.
        this.http = UrlConnectionHttpClient.builder().proxyConfiguration(ProxyConfiguration.builder()
                .useEnvironmentVariablesValues(true).useSystemPropertyValues(true).build()).build();
        this.baseSts = configure(StsClient.builder()).credentialsProvider(settings.baseCredentials()).build();
        this.credentials = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(baseSts)
                .refreshRequest(r -> r.roleArn(stage.deployRoleArn()).roleSessionName(sessionName)
                        .externalId(stage.externalId()))
                .build();
    }

    /**
     * Assumes {@code stage}'s deploy role and checks that it landed in the stage's account.
     *
     * @throws CrossdeployException when the role cannot be assumed or lands in another account
     */
    static AssumedRole assume(Stage stage, AwsSettings settings, String sessionName) {
        AssumedRole role = new AssumedRole(stage, settings, sessionName);
        try {
            role.assumeAndCheck();
            return role;
        } catch (RuntimeException e) {
            role.close();
            throw e;
        }
    }

    private void assumeAndCheck() {
        AwsCredentials assumed;
        try {
            // AssumeRole's answer names the session's account (its AssumedRoleUser ARN): proof enough that the
            // credentials land in the stage's account, without a GetCallerIdentity call.
            assumed = credentials.resolveCredentials();
        } catch (StsException e) {
            throw assumeFailed(e);
        } catch (SdkClientException e) {
            // No base credentials, or STS unreachable: both are the build environment's to fix.
            throw new CrossdeployException("Cannot assume deploy role " + stage.deployRoleArn() + " for stage '"
                    + stage.name() + "': " + AwsErrors.explain(e, settings.endpointOverride()), e);
        }
        String account = assumed.accountId().orElseGet(this::accountByCallerIdentity);
        if (!stage.accountId().equals(account)) {
            throw new CrossdeployException("Refusing to deploy stage '" + stage.name() + "': role "
                    + stage.deployRoleArn() + " gave credentials of account " + account
                    + ", not the stage's account " + stage.accountId()
                    + "; fix the stage's accountId or deployRoleArn. Nothing was written.");
        }
        identityArn = identityArn(stage.deployRoleArn(), account, sessionName);
    }

    /**
     * For credentials that do not name their account: GetCallerIdentity, through the base STS
     * client signing with the assumed credentials (no second client to build).
     */
    private String accountByCallerIdentity() {
        return baseSts.getCallerIdentity(GetCallerIdentityRequest.builder()
                .overrideConfiguration(o -> o.credentialsProvider(credentials)).build()).account();
    }

    /**
     * The ARN STS gives a session of {@code roleArn} in {@code account}: the role's name without
     * its path ({@code arn:aws:sts::<account>:assumed-role/<name>/<session>}).
     */
    static String identityArn(String roleArn, String account, String sessionName) {
        String[] parts = roleArn.split(":", 6);
        String resource = parts[5];
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        return "arn:" + parts[1] + ":sts::" + account + ":assumed-role/" + name + "/" + sessionName;
    }

    private CrossdeployException assumeFailed(StsException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        if (!"AccessDenied".equals(code)) {
            return new CrossdeployException("Cannot assume deploy role " + stage.deployRoleArn() + " for stage '"
                    + stage.name() + "': " + AwsErrors.explain(e), e);
        }
        String externalIdHint = stage.externalId() == null
                ? "and whether it requires an sts:ExternalId (set the stage's externalId)"
                : "and that its sts:ExternalId condition matches the stage's externalId";
        return new CrossdeployException("Access denied assuming deploy role " + stage.deployRoleArn()
                + " for stage '" + stage.name() + "' as " + callerArn() + "; check that the role exists, that its trust"
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

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(stage.region()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        builder.httpClient(http);
        var policy = Retries.policy();
        if (settings.callAttemptTimeout() != null) {
            policy = policy.toBuilder().apiCallAttemptTimeout(settings.callAttemptTimeout()).build();
        }
        return builder.overrideConfiguration(policy);
    }

    /** The session's ARN, as GetCallerIdentity would name it. */
    String identityArn() { return identityArn; }

    AwsCredentialsProvider credentials() { return credentials; }

    synchronized S3Client s3() {
        if (s3 == null) {
            s3 = configure(S3Client.builder()).credentialsProvider(credentials).forcePathStyle(s3PathStyle()).build();
        }
        return s3;
    }

    boolean s3PathStyle() {
        return S3Addressing.pathStyle(settings.pathStyleAccess(), settings.endpointOverride(), System::getenv, System::getProperty);
    }

    Optional<URI> endpointOverride() { return settings.endpoint(); }

    synchronized CloudFormationClient cloudFormation() {
        if (cloudFormation == null) {
            cloudFormation = configure(CloudFormationClient.builder()).credentialsProvider(credentials).build();
        }
        return cloudFormation;
    }

    synchronized KmsClient kms() {
        if (kms == null) kms = configure(KmsClient.builder()).credentialsProvider(credentials).build();
        return kms;
    }

    /** Counts a goal using this role; a role in use is never closed by the cache. */
    /** Runs {@code check} unless one named {@code name} already passed with this role; a check that throws is not kept. */
    void once(String name, Runnable check) {
        if (passed.contains(name)) return;
        check.run();
        passed.add(name);
    }

    void lease() { leases.incrementAndGet(); }

    void release() { leases.decrementAndGet(); }

    boolean inUse() { return leases.get() > 0; }

    @Override
    public synchronized void close() {
        if (s3 != null) s3.close();
        if (cloudFormation != null) cloudFormation.close();
        if (kms != null) kms.close();
        credentials.close();
        baseSts.close();
        http.close();
    }
}
