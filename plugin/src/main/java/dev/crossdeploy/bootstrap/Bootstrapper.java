package dev.crossdeploy.bootstrap;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stack.DeployRequest;
import dev.crossdeploy.stack.DeployResult;
import dev.crossdeploy.stack.StackDeployer;
import dev.crossdeploy.stack.TemplateUploader;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prepares the account whose credentials it runs with for crossdeploy: deploys the bootstrap
 * template through the stack engine's change sets (CAPABILITY_NAMED_IAM), printing the events
 * and outputs. Rerunning updates the stack; a rerun without changes succeeds. No role is
 * assumed and no stage is configured: this runs as the account's administrator, before any
 * deploy role exists. One instance serves one {@link #bootstrap} call and then closes its clients.
 * <pre>{@code
 * DeployResult r = Bootstrapper.connect(AwsSettings.defaults(false), reporter).bootstrap(request);
 * }</pre>
 */
public final class Bootstrapper {
    /** The name the stack's tags and the outputs file ({@code bootstrap-outputs.json}) carry; never shown as a stage. */
    public static final String STAGE_NAME = "bootstrap";

    private final CloudFormationClient cloudFormation;
    private final StsClient sts;
    private final String region;
    private final Reporter reporter;
    private final Timing timing;
    private final Duration timeout;

    private Bootstrapper(CloudFormationClient cloudFormation, StsClient sts, String region, Reporter reporter,
                         Timing timing, Duration timeout) {
        this.cloudFormation = cloudFormation;
        this.sts = sts;
        this.region = region;
        this.reporter = reporter;
        this.timing = timing;
        this.timeout = timeout;
    }

    /** The SDK's region (AWS_REGION, the profile) with {@code settings}' credentials and endpoint, real time. */
    public static Bootstrapper connect(AwsSettings settings, Reporter reporter) {
        return connect(settings, sdkRegion(), reporter, Timing.real(), DeployRequest.DEFAULT_TIMEOUT);
    }

    /** Clients for {@code region} with {@code settings}' credentials and endpoint. */
    public static Bootstrapper connect(AwsSettings settings, String region, Reporter reporter, Timing timing,
                                       Duration timeout) {
        dev.crossdeploy.account.SecretSafeLogging.apply();
        Region r = Region.of(region);
        var cfn = CloudFormationClient.builder().region(r).credentialsProvider(settings.baseCredentials());
        var sts = StsClient.builder().region(r).credentialsProvider(settings.baseCredentials());
        settings.endpoint().ifPresent(e -> { cfn.endpointOverride(e); sts.endpointOverride(e); });
        return new Bootstrapper(cfn.build(), sts.build(), region, reporter, timing, timeout);
    }

    /**
     * Deploys or updates the bootstrap stack and closes the clients.
     *
     * @param outputDir where the stack engine writes {@code bootstrap-outputs.json}, or null for nowhere lasting
     */
    public DeployResult bootstrap(BootstrapRequest request, Path outputDir) {
        Path work = tempDir();
        try (cloudFormation; sts) {
            String account = callerAccount();
            describe(request, account);
            Path template = work.resolve("bootstrap.yaml");
            Files.writeString(template, BootstrapTemplate.body());
            Stage target = new Stage(STAGE_NAME, account, region, null, null, null, "", null, null,
                    BootstrapTemplate.parameterValues(request), null, false,
                    List.of("CAPABILITY_NAMED_IAM"), null);
            DeployRequest deploy = new DeployRequest(target, request.stackName(), template, null, null, null,
                    false, timeout, outputDir == null ? work : outputDir);
            return new StackDeployer(cloudFormation, TemplateUploader.none(), reporter, timing)
                    .describingTarget("in account " + account + " (" + region + ")").deploy(deploy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Deploys or updates, in the account of these credentials (the pipeline account), the role
     * StackSets assumes there to reach each deployment account's stack set execution role; closes
     * the clients.
     *
     * @param outputDir where {@code stackset-administration-outputs.json} goes, or null for nowhere lasting
     */
    public DeployResult bootstrapStackSetAdministration(Path outputDir) {
        Path work = tempDir();
        try (cloudFormation; sts) {
            String account = callerAccount();
            reporter.info("Preparing account " + account + " in " + region + " to administer stack sets: stack "
                    + BootstrapTemplate.ADMINISTRATION_STACK_NAME + " with role AWSCloudFormationStackSetAdministrationRole");
            Path template = work.resolve("stackset-administration.yaml");
            Files.writeString(template, BootstrapTemplate.administrationBody());
            Stage target = new Stage("stackset-administration", account, region, null, null, null, "", null, null,
                    java.util.Map.of(), null, false, List.of("CAPABILITY_NAMED_IAM"), null);
            DeployRequest deploy = new DeployRequest(target, BootstrapTemplate.ADMINISTRATION_STACK_NAME, template, null, null,
                    null, false, timeout, outputDir == null ? work : outputDir);
            return new StackDeployer(cloudFormation, TemplateUploader.none(), reporter, timing)
                    .describingTarget("in account " + account + " (" + region + ")").deploy(deploy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(work);
        }
    }

    /** {@link #bootstrap(BootstrapRequest, Path)} without an outputs file. */
    public DeployResult bootstrap(BootstrapRequest request) {
        return bootstrap(request, null);
    }

    private void describe(BootstrapRequest request, String account) {
        reporter.info("Bootstrapping account " + account + " in " + region + " with stack " + request.stackName()
                + ": deploy role trusts account " + request.trustAccount()
                + (request.trustRoles().isEmpty() ? "" : " roles " + String.join(", ", request.trustRoles()))
                + (request.externalId() == null ? "" : ", with an external id")
                + (request.createKmsKey() ? ", KMS key alias/crossdeploy" : ", AES256 encryption")
                + (request.stackSetAdministrator() == null ? ""
                        : ", AWSCloudFormationStackSetExecutionRole trusting account " + request.stackSetAdministrator()));
        if (account.equals(request.trustAccount())) {
            reporter.warn("The trusted account is this account itself; give the pipeline account's id if this is a deployment account.");
        }
    }

    private String callerAccount() {
        try {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            reporter.info("Running as " + identity.arn());
            return identity.account();
        } catch (SdkException e) {
            throw new CrossdeployException("Bootstrap needs an administrator of the account to prepare: "
                    + dev.crossdeploy.account.AwsErrors.explain(e), e);
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

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("crossdeploy-bootstrap");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
