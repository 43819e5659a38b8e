package dev.crossdeploy.bootstrap;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.stack.DeployResult;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.util.List;
import java.util.Map;

import static dev.crossdeploy.bootstrap.BootstrapStacks.PIPELINE;
import static dev.crossdeploy.bootstrap.BootstrapStacks.artifactBucket;
import static dev.crossdeploy.bootstrap.BootstrapStacks.assumeDeployRole;
import static dev.crossdeploy.bootstrap.BootstrapStacks.bootstrap;
import static dev.crossdeploy.bootstrap.BootstrapStacks.deployRoleArn;
import static dev.crossdeploy.bootstrap.BootstrapStacks.executionRoleArn;
import static dev.crossdeploy.bootstrap.BootstrapStacks.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the bootstrap stack's IAM lets the pipeline do in a deployment account, and what it refuses. */
class BootstrapStackIamTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    private static final String TRUST_ANY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String MAY_ASSUME_ANY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";

    @Test
    void thePipelineAccountAssumesTheDeployRoleInEveryDeploymentAccount() {
        for (String account : List.of("staging", "qa", "prod")) {
            DeployResult stack = bootstrap(cloud, account);
            assertThat(stack.outputs())
                    .containsEntry("DeployRoleArn", deployRoleArn(cloud, account))
                    .containsEntry("ExecutionRoleArn", executionRoleArn(cloud, account))
                    .containsEntry("ArtifactBucket", artifactBucket(cloud, account))
                    .doesNotContainKey("KmsKeyArn");
        }
        for (String account : List.of("staging", "qa", "prod")) {
            AssumeRoleResponse assumed = assumeDeployRole(cloud, "pipeline", account, null);
            try (var sts = session(cloud, assumed).sts()) {
                var identity = sts.getCallerIdentity();
                assertThat(identity.account()).isEqualTo(cloud.accountId(account));
                assertThat(identity.arn()).startsWith("arn:aws:sts::" + cloud.accountId(account)
                        + ":assumed-role/crossdeploy-deploy/");
            }
        }
    }

    @Test
    void anotherAccountCannotAssumeIt() {
        bootstrap(cloud, "staging");
        assertThatThrownBy(() -> assumeDeployRole(cloud, "qa", "staging", null))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("sts:AssumeRole")
                            .contains(deployRoleArn(cloud, "staging"));
                });
    }

    @Test
    void withTrustedRoleNamesOnlyThoseRolesOfThePipelineAccountGetIn() {
        try (var iam = cloud.root("pipeline").iam()) {
            for (String role : List.of("pipeline-codebuild", "someone-else")) {
                iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(TRUST_ANY));
                iam.putRolePolicy(r -> r.roleName(role).policyName("assume").policyDocument(MAY_ASSUME_ANY));
            }
        }
        bootstrap(cloud, "staging", new BootstrapRequest(PIPELINE, List.of("pipeline-codebuild"), null, false,
                List.of(), null), new RecordingReporter());

        AssumeRoleResponse codebuild = pipelineRole("pipeline-codebuild");
        try (var sts = session(cloud, codebuild).sts()) {
            var deploy = sts.assumeRole(r -> r.roleArn(deployRoleArn(cloud, "staging")).roleSessionName("deploy"));
            assertThat(deploy.assumedRoleUser().arn()).contains(":assumed-role/crossdeploy-deploy/deploy");
        }
        AssumeRoleResponse other = pipelineRole("someone-else");
        try (var sts = session(cloud, other).sts()) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(deployRoleArn(cloud, "staging")).roleSessionName("deploy")))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
        assertThatThrownBy(() -> assumeDeployRole(cloud, "pipeline", "staging", null))
                .as("the pipeline account's root is not one of the named roles")
                .isInstanceOf(StsException.class);

        // The role-name condition matches any account's ARN; the trusted principal still pins the account.
        try (var iam = cloud.root("qa").iam()) {
            iam.createRole(r -> r.roleName("pipeline-codebuild").assumeRolePolicyDocument(TRUST_ANY.replace(PIPELINE, "333333333333")));
            iam.putRolePolicy(r -> r.roleName("pipeline-codebuild").policyName("assume").policyDocument(MAY_ASSUME_ANY));
        }
        AssumeRoleResponse sameNameElsewhere;
        try (var sts = cloud.root("qa").sts()) {
            sameNameElsewhere = sts.assumeRole(r -> r.roleArn("arn:aws:iam::333333333333:role/pipeline-codebuild")
                    .roleSessionName("impostor"));
        }
        try (var sts = session(cloud, sameNameElsewhere).sts()) {
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(deployRoleArn(cloud, "staging")).roleSessionName("deploy")))
                    .as("a role of the same name in another account")
                    .isInstanceOf(StsException.class);
        }
    }

    @Test
    void anExternalIdMustBePresentedWhenSetAndIsNeverPrinted() {
        RecordingReporter reporter = new RecordingReporter();
        bootstrap(cloud, "qa", new BootstrapRequest(PIPELINE, List.of(), "s3cr3t-ext-id", false, List.of(), null), reporter);

        assertThatThrownBy(() -> assumeDeployRole(cloud, "pipeline", "qa", null)).isInstanceOf(StsException.class);
        assertThatThrownBy(() -> assumeDeployRole(cloud, "pipeline", "qa", "wrong-id")).isInstanceOf(StsException.class);
        assertThat(assumeDeployRole(cloud, "pipeline", "qa", "s3cr3t-ext-id").credentials()).isNotNull();
        assertThat(reporter.text()).doesNotContain("s3cr3t-ext-id").contains("with an external id");
    }

    @Test
    void theDeployRoleMayPassOnlyTheExecutionRoleAndOnlyToCloudFormation() {
        bootstrap(cloud, "staging");
        String another = "arn:aws:iam::" + cloud.accountId("staging") + ":role/another-role";
        try (var iam = cloud.root("staging").iam()) {
            iam.createRole(r -> r.roleName("another-role").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"Service\":\"cloudformation.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        IamStore iam = cloud.cloud().state().iam();
        Principal deploySession = iam.serviceSession(deployRoleArn(cloud, "staging"), "deploy");

        assertThat(passRole(iam, deploySession, executionRoleArn(cloud, "staging"), "cloudformation.amazonaws.com"))
                .isEqualTo(Decision.ALLOW);
        assertThat(passRole(iam, deploySession, another, "cloudformation.amazonaws.com")).isNotEqualTo(Decision.ALLOW);
        assertThat(passRole(iam, deploySession, executionRoleArn(cloud, "staging"), "lambda.amazonaws.com"))
                .as("the execution role goes to CloudFormation only").isNotEqualTo(Decision.ALLOW);
        assertThat(iam.trustsService(executionRoleArn(cloud, "staging"), "cloudformation.amazonaws.com")).isTrue();
    }

    @Test
    void cloudFormationAcceptsTheExecutionRoleFromTheDeployRoleAndRefusesAnother() {
        bootstrap(cloud, "staging");
        String another = "arn:aws:iam::" + cloud.accountId("staging") + ":role/another-role";
        try (var iam = cloud.root("staging").iam()) {
            iam.createRole(r -> r.roleName("another-role").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"Service\":\"cloudformation.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        String template = "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 7\n";
        AssumeRoleResponse assumed = assumeDeployRole(cloud, "pipeline", "staging", null);
        try (var cfn = session(cloud, assumed).cloudFormation()) {
            var created = cfn.createChangeSet(r -> r.stackName("service").changeSetName("with-exec-role")
                    .changeSetType("CREATE").templateBody(template).roleARN(executionRoleArn(cloud, "staging")));
            assertThat(created.id()).contains(":changeSet/with-exec-role/");

            assertThatThrownBy(() -> cfn.createChangeSet(r -> r.stackName("other-service").changeSetName("with-another-role")
                    .changeSetType("CREATE").templateBody(template).roleARN(another)))
                    .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Role " + another + " is invalid or cannot be assumed");
                    });
        }
    }

    @Test
    void theDeployRoleWritesItsArtifactBucketAndNoOtherBucket() {
        bootstrap(cloud, "staging");
        bootstrap(cloud, "qa");
        try (var s3 = cloud.root("staging").s3()) {
            s3.createBucket(b -> b.bucket("staging-other-bucket"));
        }
        AssumeRoleResponse assumed = assumeDeployRole(cloud, "pipeline", "staging", null);
        try (var s3 = session(cloud, assumed).s3()) {
            s3.putObject(p -> p.bucket(artifactBucket(cloud, "staging")).key("example-api/abc.zip"),
                    RequestBody.fromString("lambda bytes"));
            assertThat(s3.getObjectAsBytes(g -> g.bucket(artifactBucket(cloud, "staging")).key("example-api/abc.zip"))
                    .asUtf8String()).isEqualTo("lambda bytes");

            for (String bucket : List.of("staging-other-bucket", artifactBucket(cloud, "qa"))) {
                assertThatThrownBy(() -> s3.putObject(p -> p.bucket(bucket).key("x.zip"), RequestBody.fromString("x")))
                        .as("put into %s", bucket)
                        .isInstanceOfSatisfying(S3Exception.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        });
            }
        }
    }

    private static Decision passRole(IamStore iam, Principal caller, String roleArn, String service) {
        return iam.evaluator().evaluate(caller, "iam:PassRole", roleArn, roleArn.split(":")[4], null,
                Map.of("iam:PassedToService", service));
    }

    private static AssumeRoleResponse pipelineRole(String name) {
        try (var sts = cloud.root("pipeline").sts()) {
            return sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + PIPELINE + ":role/" + name).roleSessionName("pipeline-test"));
        }
    }
}
