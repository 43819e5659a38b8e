package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.localcloud.logs.LogsModule;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drift engine against the local cloud: resources changed behind the stack's back. */
class DriftCheckTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud();

    static final String STACK = "orders-prod";

    final RecordingReporter reporter = new RecordingReporter();

    DriftCheck check() {
        return new DriftCheck(cloud.cfn(), reporter, Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(100)));
    }

    Stage prod() { return cloud.stage("prod", Map.of(), true); }

    /** Buckets drift-a..drift-{n} (versioned) and a log group keeping 30 days. */
    void deploy(int buckets) throws InterruptedException {
        StringBuilder t = new StringBuilder("Resources:\n");
        for (int i = 1; i <= buckets; i++) {
            t.append("  Bucket").append(i).append(":\n    Type: AWS::S3::Bucket\n    Properties:\n")
                    .append("      BucketName: drift-").append(i).append("\n      VersioningConfiguration: {Status: Enabled}\n");
        }
        t.append("  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: /orders/prod\n      RetentionInDays: 30\n");
        cloud.cfn().createStack(b -> b.stackName(STACK).templateBody(t.toString()));
        awaitCreated();
    }

    void awaitCreated() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (cloud.cfn().describeStacks(b -> b.stackName(STACK)).stacks().get(0).stackStatus() != StackStatus.CREATE_COMPLETE) {
            if (System.nanoTime() > deadline) throw new AssertionError("stack " + STACK + " was not created within 30 s");
            Thread.sleep(10); // polls the condition, bounded by the deadline
        }
    }

    void suspendVersioning(int bucket) {
        cloud.s3().putBucketVersioning(b -> b.bucket("drift-" + bucket)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    }

    void deleteLogGroup() {
        cloud.cloud().state().module(LogsModule.class).store().deleteGroup(cloud.accountId(), cloud.cloud().region(), "/orders/prod");
    }

    @Test
    void aProtectedStageWhoseStackDriftedIsRefusedWithTheFirstDifferencesAndTheNextStep() throws Exception {
        deploy(4);
        for (int i = 1; i <= 4; i++) suspendVersioning(i);
        deleteLogGroup();

        assertThatThrownBy(() -> check().beforeDeploy(prod(), STACK, false))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Refused: stack orders-prod in protected stage prod has drifted from its template:"
                        + " Bucket1 /VersioningConfiguration/Status expected Enabled, actual Suspended;"
                        + " Bucket2 /VersioningConfiguration/Status expected Enabled, actual Suspended;"
                        + " Bucket3 /VersioningConfiguration/Status expected Enabled, actual Suspended; and 2 more."
                        + " Reconcile the resources with the template (mvn crossdeploy:drift -Dstage=prod lists them),"
                        + " or deploy over the drift with -Dcrossdeploy.allowDrift=true");
    }

    /** A CloudFormation client of a role that may describe stacks but not detect drift, as roles bootstrapped earlier. */
    CloudFormationClient withoutDriftPermissions() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                + cloud.accountId() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
        cloud.cloud().state().iam().createRole(cloud.accountId(), "old-deploy", "/", trust, null, 3600);
        cloud.cloud().state().iam().putRolePolicy(cloud.accountId(), "old-deploy", "deploy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cloudformation:DescribeStacks\",\"Resource\":\"*\"}]}");
        var account = cloud.cloud().account(StackCloud.ACCOUNT);
        var root = StaticCredentialsProvider.create(AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()));
        try (StsClient sts = StsClient.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.of(cloud.cloud().region()))
                .credentialsProvider(root).build()) {
            Credentials c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + cloud.accountId() + ":role/old-deploy")
                    .roleSessionName("old")).credentials();
            return CloudFormationClient.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.of(cloud.cloud().region()))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                    .build();
        }
    }

    @Test
    void aDeployRoleThatMayNotDetectDriftIsRefusedWithTheFixUnlessDriftIsAllowed() throws Exception {
        deploy(1);
        try (CloudFormationClient cfn = withoutDriftPermissions()) {
            DriftCheck check = new DriftCheck(cfn, reporter, Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(100)));
            assertThatThrownBy(() -> check.beforeDeploy(prod(), STACK, false))
                    .isInstanceOf(CrossdeployException.class)
                    .hasMessageStartingWith("Refused: the deploy role of stage prod may not detect drift of stack orders-prod (")
                    .hasMessageContaining("cloudformation:DetectStackDrift")
                    .hasMessageEndingWith("). Update the account's bootstrap stack (mvn crossdeploy:bootstrap),"
                            + " or deploy without the check with -Dcrossdeploy.allowDrift=true");
            check.beforeDeploy(prod(), STACK, true);
            assertThat(reporter.lines()).last().asString()
                    .startsWith("WARN Drift not checked (crossdeploy.allowDrift=true): the deploy role of stage prod may not detect drift");
        }
    }

    @Test
    void allowDriftDeploysOverItWithAWarning() throws Exception {
        deploy(1);
        deleteLogGroup();
        check().beforeDeploy(prod(), STACK, true);
        assertThat(reporter.lines()).contains("WARN Deploying over drift (crossdeploy.allowDrift=true): stack orders-prod"
                + " in protected stage prod has drifted from its template: Logs (AWS::Logs::LogGroup) deleted");
    }

    @Test
    void aStackInSyncOrNotYetDeployedPasses() throws Exception {
        check().beforeDeploy(prod(), STACK, false);
        assertThat(reporter.lines()).isEmpty();
        deploy(1);
        check().beforeDeploy(prod(), STACK, false);
        assertThat(reporter.lines()).containsExactly("INFO Detecting drift of stack orders-prod in stage prod");
    }

    @Test
    void unprotectedStagesAreNotChecked() throws Exception {
        deploy(1);
        suspendVersioning(1);
        check().beforeDeploy(cloud.stage("qa", Map.of(), false), STACK, false);
        assertThat(reporter.lines()).isEmpty();
    }

    @Test
    void theDriftGoalPrintsEveryDifferenceAsATable() throws Exception {
        deploy(2);
        suspendVersioning(2);
        deleteLogGroup();
        DriftReport report = check().report(prod(), STACK);
        assertThat(report.items()).hasSize(2);
        assertThat(reporter.lines()).containsExactly(
                "INFO Detecting drift of stack orders-prod in stage prod",
                "WARN Stack orders-prod in stage prod has drifted from its template:",
                "WARN   Resource  Type                 Drift     Property                         Expected  Actual",
                "WARN   Bucket2   AWS::S3::Bucket      MODIFIED  /VersioningConfiguration/Status  Enabled   Suspended",
                "WARN   Logs      AWS::Logs::LogGroup  DELETED");
    }

    @Test
    void aFunctionReconfiguredByHandIsRefusedOnAProtectedStageAndListedByTheDriftGoal() throws Exception {
        String template = """
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument:
                        Version: '2012-10-17'
                        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
                  Api:
                    Type: AWS::Lambda::Function
                    Properties:
                      FunctionName: orders-api
                      Runtime: java21
                      Handler: orders.Handler::handleRequest
                      Role: !GetAtt Role.Arn
                      MemorySize: 512
                      Environment: {Variables: {LOG_LEVEL: INFO}}
                      Code: {ZipFile: "not invoked here"}
                """;
        cloud.cfn().createStack(b -> b.stackName(STACK).templateBody(template)
                .capabilities(software.amazon.awssdk.services.cloudformation.model.Capability.CAPABILITY_IAM));
        awaitCreated();
        try (LambdaClient lambda = cloud.lambda()) {
            lambda.updateFunctionConfiguration(b -> b.functionName("orders-api")
                    .environment(e -> e.variables(Map.of("LOG_LEVEL", "DEBUG"))));
        }

        assertThatThrownBy(() -> check().beforeDeploy(prod(), STACK, false))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Refused: stack orders-prod in protected stage prod has drifted from its template:"
                        + " Api /Environment/Variables/LOG_LEVEL expected INFO, actual DEBUG."
                        + " Reconcile the resources with the template (mvn crossdeploy:drift -Dstage=prod lists them),"
                        + " or deploy over the drift with -Dcrossdeploy.allowDrift=true");
        RecordingReporter goal = new RecordingReporter();
        new DriftCheck(cloud.cfn(), goal, Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(100))).report(prod(), STACK);
        assertThat(goal.lines()).containsExactly(
                "INFO Detecting drift of stack orders-prod in stage prod",
                "WARN Stack orders-prod in stage prod has drifted from its template:",
                "WARN   Resource  Type                   Drift     Property                          Expected  Actual",
                "WARN   Api       AWS::Lambda::Function  MODIFIED  /Environment/Variables/LOG_LEVEL  INFO      DEBUG");
    }

    @Test
    void theDriftGoalSaysWhenThereIsNothingToReport() throws Exception {
        check().report(prod(), STACK);
        deploy(1);
        check().report(prod(), STACK);
        assertThat(reporter.messages()).containsExactly(
                "Stack orders-prod is not deployed in stage prod; nothing to check",
                "Detecting drift of stack orders-prod in stage prod",
                "Stack orders-prod in stage prod is in sync with its template");
    }
}
