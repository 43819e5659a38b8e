package dev.crossdeploy.bootstrap;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.report.Reporter;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.time.Duration;
import java.util.List;

/**
 * Prepares the account whose credentials it runs with for crossdeploy: deploys the bootstrap
 * template as a stack through a change set, prints its events and outputs. Rerunning updates
 * the stack; a rerun without changes succeeds. No role is assumed: this runs as the account's
 * administrator, before any deploy role exists.
 * <pre>{@code
 * StackDeployment d = Bootstrapper.connect(AwsSettings.defaults(false), reporter).bootstrap(request);
 * }</pre>
 */
public final class Bootstrapper {
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(3);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final CloudFormationClient cloudFormation;
    private final StsClient sts;
    private final String region;
    private final Reporter reporter;
    private final Duration pollInterval;
    private final Duration timeout;

    private Bootstrapper(CloudFormationClient cloudFormation, StsClient sts, String region, Reporter reporter,
                         Duration pollInterval, Duration timeout) {
        this.cloudFormation = cloudFormation;
        this.sts = sts;
        this.region = region;
        this.reporter = reporter;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /** Uses the SDK's region (AWS_REGION, the profile) with {@code settings}' credentials and endpoint. */
    public static Bootstrapper connect(AwsSettings settings, Reporter reporter) {
        return connect(settings, sdkRegion(), reporter, DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT);
    }

    /** Clients for {@code region} with {@code settings}' credentials and endpoint. */
    public static Bootstrapper connect(AwsSettings settings, String region, Reporter reporter,
                                       Duration pollInterval, Duration timeout) {
        Region r = Region.of(region);
        var cfn = CloudFormationClient.builder().region(r).credentialsProvider(settings.baseCredentials());
        var sts = StsClient.builder().region(r).credentialsProvider(settings.baseCredentials());
        settings.endpoint().ifPresent(e -> { cfn.endpointOverride(e); sts.endpointOverride(e); });
        return new Bootstrapper(cfn.build(), sts.build(), region, reporter, pollInterval, timeout);
    }

    /** Deploys or updates the bootstrap stack; closes the clients afterwards. */
    public StackDeployment bootstrap(BootstrapRequest request) {
        try (cloudFormation; sts) {
            String account = callerAccount();
            reporter.info("Bootstrapping account " + account + " (" + region + ") with stack " + request.stackName()
                    + ": deploy role trusts account " + request.trustAccount()
                    + (request.trustRoles().isEmpty() ? "" : " roles " + String.join(", ", request.trustRoles()))
                    + (request.externalId() == null ? "" : ", with an external id")
                    + (request.createKmsKey() ? ", KMS key alias/crossdeploy" : ", AES256 encryption"));
            if (account.equals(request.trustAccount())) {
                reporter.warn("The trusted account is this account itself; give the pipeline account's id if this is a deployment account.");
            }
            StackDeployment result;
            try {
                result = new ChangeSetDeployer(cloudFormation, reporter, pollInterval, timeout).deploy(
                        request.stackName(), BootstrapTemplate.body(), BootstrapTemplate.parameters(request),
                        List.of(Capability.CAPABILITY_NAMED_IAM));
            } catch (CloudFormationException e) {
                throw new CrossdeployException("CloudFormation refused the bootstrap stack " + request.stackName()
                        + ": " + errorText(e), e);
            }
            reporter.info("Outputs of " + request.stackName() + ":");
            result.outputs().forEach((k, v) -> reporter.info("  " + k + " = " + v));
            return result;
        }
    }

    private String callerAccount() {
        try {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            reporter.info("Running as " + identity.arn());
            return identity.account();
        } catch (SdkClientException e) {
            throw new CrossdeployException("No usable AWS credentials: run bootstrap with an administrator of the"
                    + " account to prepare (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). "
                    + firstLine(e.getMessage()), e);
        } catch (SdkException e) {
            throw new CrossdeployException("The AWS credentials were refused: " + firstLine(e.getMessage()), e);
        }
    }

    private static String sdkRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            throw new CrossdeployException("No AWS region: set AWS_REGION (or the region of your AWS profile) to the"
                    + " region to bootstrap.", e);
        }
    }

    private static String errorText(CloudFormationException e) {
        if (e.awsErrorDetails() == null) return firstLine(e.getMessage());
        return e.awsErrorDetails().errorCode() + " " + e.awsErrorDetails().errorMessage();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
