package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.Clients;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackAccessTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private static final String RECORD = "Resources:\n  R: {Type: Test::Record}\n";
    private static final String TRUST_CFN = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
    private static final String TRUST_ACCOUNT = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole"}]}""";

    private CloudFormationClient cfn;
    private StackDriver driver;

    @BeforeEach
    void clients() {
        cfn = cloud.as("staging").cloudFormation();
        driver = new StackDriver(cfn);
    }

    private CloudFormationClient asRole(String name, String policyJson) {
        var iam = cloud.as("staging").iam();
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST_ACCOUNT));
        iam.putRolePolicy(r -> r.roleName(name).policyName("p").policyDocument(policyJson));
        var assumed = cloud.as("staging").sts().assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/" + name).roleSessionName("tester"));
        return Clients.from(cloud, assumed).cloudFormation();
    }

    private static void assertError(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CloudFormationException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void callsAreAuthorizedOnTheStackArn() {
        var limited = asRole("viewer", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudformation:Describe*","Resource":"*"}]}""");
        assertError(() -> limited.createChangeSet(r -> r.stackName("app").changeSetName("c").changeSetType(ChangeSetType.CREATE).templateBody(RECORD)),
                "AccessDenied", "User: arn:aws:sts::222222222222:assumed-role/viewer/tester is not authorized to perform: "
                        + "cloudformation:CreateChangeSet on resource: arn:aws:cloudformation:us-east-1:222222222222:stack/app/* "
                        + "because no identity-based policy allows the cloudformation:CreateChangeSet action");
        String id = driver.deploy("app", RECORD).stackId();
        assertThat(limited.describeStacks(r -> r.stackName("app")).stacks()).hasSize(1);
        assertError(() -> limited.deleteStack(r -> r.stackName("app")), "AccessDenied",
                "User: arn:aws:sts::222222222222:assumed-role/viewer/tester is not authorized to perform: cloudformation:DeleteStack on resource: "
                        + id + " because no identity-based policy allows the cloudformation:DeleteStack action");
    }

    @Test
    void roleArnMustBePassableAndTrustCloudFormation() {
        var iam = cloud.as("staging").iam();
        iam.createRole(r -> r.roleName("cfn-exec").assumeRolePolicyDocument(TRUST_CFN));
        iam.createRole(r -> r.roleName("not-for-cfn").assumeRolePolicyDocument(TRUST_ACCOUNT));
        String exec = "arn:aws:iam::222222222222:role/cfn-exec";
        String other = "arn:aws:iam::222222222222:role/not-for-cfn";

        assertError(() -> driver.changeSet("app", "c", ChangeSetType.CREATE, RECORD, b -> b.roleARN(other)),
                "ValidationError", "Role " + other + " is invalid or cannot be assumed");
        assertError(() -> driver.changeSet("app", "c", ChangeSetType.CREATE, RECORD, b -> b.roleARN("arn:aws:iam::222222222222:role/missing")),
                "ValidationError", "Role arn:aws:iam::222222222222:role/missing is invalid or cannot be assumed");
        var noPass = asRole("deployer", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudformation:*","Resource":"*"}]}""");
        assertError(() -> noPass.createChangeSet(r -> r.stackName("app").changeSetName("c").changeSetType(ChangeSetType.CREATE)
                        .templateBody(RECORD).roleARN(exec)),
                "ValidationError", "Role " + exec + " is invalid or cannot be assumed");

        var stack = driver.deploy("app", RECORD, b -> b.roleARN(exec));
        assertThat(stack.roleARN()).isEqualTo(exec);
        assertThat(TestRecordHandler.CREATED_BY.get(physical("R"))).isEqualTo("arn:aws:sts::222222222222:assumed-role/cfn-exec/AWSCloudFormation");

        // Later operations keep acting as the stack's role.
        driver.deploy("app", "Resources:\n  R: {Type: Test::Record}\n  S: {Type: Test::Record}\n");
        assertThat(TestRecordHandler.CREATED_BY.get(physical("S"))).isEqualTo("arn:aws:sts::222222222222:assumed-role/cfn-exec/AWSCloudFormation");
        assertThat(driver.stack("app").roleARN()).isEqualTo(exec);
    }

    @Test
    void withoutRoleResourcesAreCreatedAsTheCaller() {
        driver.deploy("app", RECORD);
        assertThat(TestRecordHandler.CREATED_BY.get(physical("R"))).isEqualTo("arn:aws:iam::222222222222:root");
    }

    @Test
    void iamResourcesNeedTheirCapabilities() {
        String role = "Resources:\n  Role: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}}}\n";
        String named = "Resources:\n  Role: {Type: AWS::IAM::Role, Properties: {RoleName: fixed, AssumeRolePolicyDocument: {}}}\n";
        assertError(() -> cfn.createChangeSet(r -> r.stackName("app").changeSetName("c").changeSetType(ChangeSetType.CREATE).templateBody(role)),
                "InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_IAM]");
        assertError(() -> cfn.createChangeSet(r -> r.stackName("app").changeSetName("c").changeSetType(ChangeSetType.CREATE)
                        .templateBody(named).capabilities(Capability.CAPABILITY_IAM)),
                "InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_NAMED_IAM]");
        assertError(() -> cfn.createChangeSet(r -> r.stackName("app").changeSetName("c").changeSetType(ChangeSetType.CREATE)
                        .templateBody("Transform: AWS::Serverless-2016-10-31\n" + RECORD)),
                "InsufficientCapabilitiesException", "Requires capabilities : [CAPABILITY_AUTO_EXPAND]");
        assertError(() -> cfn.createChangeSet(r -> r.stackName("app").changeSetName("c").changeSetType(ChangeSetType.CREATE)
                        .templateBody("Transform: AWS::Serverless-2016-10-31\n" + RECORD).capabilities(Capability.CAPABILITY_AUTO_EXPAND)),
                "ValidationError", "Transform AWS::Serverless-2016-10-31 is not supported by the local cloud; deploy the processed template instead.");
        cfn.createChangeSet(r -> r.stackName("app").changeSetName("c").changeSetType(ChangeSetType.CREATE)
                .templateBody(role).capabilities(Capability.CAPABILITY_NAMED_IAM));
        assertThat(driver.awaitChangeSet("app", "c").capabilitiesAsStrings()).containsExactly("CAPABILITY_NAMED_IAM");
    }

    @Test
    void terminationProtectionRefusesDeletion() {
        driver.deploy("app", RECORD);
        cfn.updateTerminationProtection(r -> r.stackName("app").enableTerminationProtection(true));
        assertThat(driver.stack("app").enableTerminationProtection()).isTrue();
        assertError(() -> cfn.deleteStack(r -> r.stackName("app")), "ValidationError",
                "Stack [app] cannot be deleted while TerminationProtection is enabled");
        assertThat(driver.stack("app").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        cfn.updateTerminationProtection(r -> r.stackName("app").enableTerminationProtection(false));
        String id = driver.stack("app").stackId();
        cfn.deleteStack(r -> r.stackName("app"));
        StackDriver.await(() -> cfn.describeStacks(r -> r.stackName(id)).stacks().get(0).stackStatus(),
                s -> s == StackStatus.DELETE_COMPLETE, "deletion");
    }

    @Test
    void exportsAreUniqueAndProtectedWhileImported() {
        String exporter = """
                Resources:
                  R: {Type: Test::Record, Properties: {Value: exported}}
                Outputs:
                  Out:
                    Value: !GetAtt R.Value
                    Export: {Name: !Sub "${AWS::StackName}-value"}
                """;
        driver.deploy("net", exporter);
        assertThat(cfn.listExports().exports()).extracting(e -> e.name() + "=" + e.value()).containsExactly("net-value=exported");
        assertThat(cfn.listExports().exports().get(0).exportingStackId()).isEqualTo(driver.stack("net").stackId());

        var importer = driver.deploy("app", """
                Resources:
                  R: {Type: Test::Record, Properties: {Value: !ImportValue net-value}}
                """);
        assertThat(importer.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(cfn.listImports(r -> r.exportName("net-value")).imports()).containsExactly("app");

        var clash = driver.deploy("other", """
                Resources:
                  R: {Type: Test::Record}
                Outputs:
                  Out: {Value: x, Export: {Name: net-value}}
                """);
        assertThat(clash.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("other")).contains(
                "other ROLLBACK_IN_PROGRESS Export with name net-value is already exported by stack net. Rollback requested by user.");

        var removed = driver.deploy("net", "Resources:\n  R: {Type: Test::Record, Properties: {Value: exported}}\n");
        assertThat(removed.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("net")).contains(
                "net UPDATE_ROLLBACK_IN_PROGRESS Export net-value cannot be deleted as it is in use by app");
        assertThat(removed.outputs()).hasSize(1);

        cfn.deleteStack(r -> r.stackName("net"));
        var failed = StackDriver.await(() -> driver.stack("net"), s -> !s.stackStatusAsString().endsWith("IN_PROGRESS"), "delete");
        assertThat(failed.stackStatus()).isEqualTo(StackStatus.DELETE_FAILED);
        assertThat(failed.stackStatusReason()).isEqualTo("Export net-value cannot be deleted as it is in use by app");
    }

    @Test
    void importOfAMissingExportFailsTheStack() {
        var stack = driver.deploy("app", "Resources:\n  R: {Type: Test::Record, Properties: {Value: !ImportValue nope}}\n");
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
        assertThat(driver.eventLines("app")).contains("app ROLLBACK_IN_PROGRESS No export named nope found. Rollback requested by user.");
    }

    @Test
    void noEchoValuesAreMaskedEverywhere() {
        String template = """
                Parameters:
                  Password: {Type: String, NoEcho: true}
                Resources:
                  R: {Type: Test::Record, Properties: {Value: !Ref Password}}
                """;
        driver.changeSet("app", "c", ChangeSetType.CREATE, template, b -> b.parameters(StackDriver.param("Password", "s3cret")));
        assertThat(driver.awaitChangeSet("app", "c").parameters().get(0).parameterValue()).isEqualTo("****");
        cfn.executeChangeSet(r -> r.stackName("app").changeSetName("c"));
        assertThat(driver.settle("app").parameters().get(0).parameterValue()).isEqualTo("****");
        assertThat(driver.events("app")).noneMatch(e -> String.valueOf(e.resourceProperties()).contains("s3cret"));
        assertThat(TestRecordHandler.LIVE.get(physical("R"))).containsEntry("Value", "s3cret");
    }

    @Test
    void templateUrlsNameTheirBucketAndKey() {
        assertThat(TemplateSource.bucketAndKey("http://localhost:4566/artifacts/stacks/app.yaml")).containsExactly("artifacts", "stacks/app.yaml");
        assertThat(TemplateSource.bucketAndKey("https://artifacts.s3.amazonaws.com/a/b.json")).containsExactly("artifacts", "a/b.json");
        assertThat(TemplateSource.bucketAndKey("https://my.bucket.s3.eu-west-1.amazonaws.com/t.yaml")).containsExactly("my.bucket", "t.yaml");
        assertThat(TemplateSource.bucketAndKey("https://s3.eu-west-1.amazonaws.com/bkt/t.yaml")).containsExactly("bkt", "t.yaml");
        assertError(() -> cfn.validateTemplate(r -> r.templateURL(cloud.cloud().endpoint() + "/no-bucket/t.yaml")),
                "ValidationError", "S3 error: Access Denied");
    }

    private String physical(String logical) {
        return cfn.describeStackResources(r -> r.stackName("app").logicalResourceId(logical)).stackResources().get(0).physicalResourceId();
    }

    @Test
    void templatesAreReadFromTheLocalS3() {
        var s3 = cloud.as("staging").s3();
        s3.createBucket(r -> r.bucket("templates"));
        s3.putObject(r -> r.bucket("templates").key("stacks/app.yaml"),
                software.amazon.awssdk.core.sync.RequestBody.fromString(RECORD));
        var stack = driver.deploy("app", null, b -> b.templateBody(null)
                .templateURL(cloud.cloud().endpoint() + "/templates/stacks/app.yaml"));
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(cfn.getTemplate(r -> r.stackName("app")).templateBody()).isEqualTo(RECORD);
        var summary = cfn.getTemplateSummary(r -> r.templateURL("https://templates.s3.us-east-1.amazonaws.com/stacks/app.yaml"));
        assertThat(summary.resourceTypes()).containsExactly("Test::Record");
    }

    @Test
    void createAndUpdateStackAreAuthorizedAndActAsTheStackRole() {
        var limited = asRole("viewer", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudformation:Describe*","Resource":"*"}]}""");
        assertError(() -> limited.createStack(r -> r.stackName("app").templateBody(RECORD)), "AccessDenied",
                "User: arn:aws:sts::222222222222:assumed-role/viewer/tester is not authorized to perform: "
                        + "cloudformation:CreateStack on resource: arn:aws:cloudformation:us-east-1:222222222222:stack/app/* "
                        + "because no identity-based policy allows the cloudformation:CreateStack action");
        cloud.as("staging").iam().createRole(r -> r.roleName("cfn-exec").assumeRolePolicyDocument(TRUST_CFN));
        String exec = "arn:aws:iam::222222222222:role/cfn-exec";

        cfn.createStack(r -> r.stackName("app").templateBody(RECORD).roleARN(exec));
        assertThat(driver.settle("app").roleARN()).isEqualTo(exec);
        assertThat(TestRecordHandler.CREATED_BY.get(physical("R"))).isEqualTo("arn:aws:sts::222222222222:assumed-role/cfn-exec/AWSCloudFormation");

        String id = driver.stack("app").stackId();
        assertError(() -> limited.updateStack(r -> r.stackName("app").usePreviousTemplate(true)), "AccessDenied",
                "User: arn:aws:sts::222222222222:assumed-role/viewer/tester is not authorized to perform: "
                        + "cloudformation:UpdateStack on resource: " + id
                        + " because no identity-based policy allows the cloudformation:UpdateStack action");
        // An update without RoleARN keeps acting as the stack's role.
        cfn.updateStack(r -> r.stackName("app").templateBody("Resources:\n  R: {Type: Test::Record}\n  S: {Type: Test::Record}\n"));
        assertThat(driver.settle("app").stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
        assertThat(TestRecordHandler.CREATED_BY.get(physical("S"))).isEqualTo("arn:aws:sts::222222222222:assumed-role/cfn-exec/AWSCloudFormation");
    }
}
