package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.devtools.PipelineHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.devtools.ProjectHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.devtools.RepositoryHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.devtools.RuleHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.kms.KeyAliasHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.kms.KeyHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.ssm.ParameterHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.ACCOUNT;
import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KMS, SSM, CodeCommit, CodeBuild, CodePipeline and EventBridge rule types. */
class OtherHandlersTest {
    @TempDir Path dir;
    private ResourceFixture cloud;

    @BeforeEach
    void setUp() { cloud = new ResourceFixture(dir); }

    private static Map<String, Object> keyPolicy(String principal) {
        return Map.of("Version", "2012-10-17", "Statement", List.of(Map.of("Effect", "Allow",
                "Principal", Map.of("AWS", principal), "Action", "kms:*", "Resource", "*")));
    }

    @Test
    void aKeyHasAUuidIdAndAnArnAndAnAliasNamesIt() throws Exception {
        KeyHandler keys = new KeyHandler();
        ProvisionResult key = keys.create(cloud.root("Key"), Map.of("KeyPolicy", keyPolicy("arn:aws:iam::222222222222:root")));

        assertThat(key.physicalId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(key.attributes()).containsEntry("KeyId", key.physicalId())
                .containsEntry("Arn", "arn:aws:kms:us-east-1:222222222222:key/" + key.physicalId());

        KeyAliasHandler aliases = new KeyAliasHandler();
        assertThat(aliases.create(cloud.root("Alias"), Map.of("AliasName", "alias/artifacts", "TargetKeyId", key.attributes().get("Arn")))
                .physicalId()).isEqualTo("alias/artifacts");
        assertThatThrownBy(() -> aliases.create(cloud.root("Alias2"), Map.of("AliasName", "alias/other", "TargetKeyId", "1234abcd-12ab-34cd-56ef-1234567890ab")))
                .hasMessageContaining("\"Key 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab' does not exist (Service: Kms");
        assertThat(aliases.validate(Map.of("AliasName", "artifacts", "TargetKeyId", "k")))
                .containsExactly("#/AliasName: failed validation constraint for keyword [pattern]");
    }

    @Test
    void aKeyPolicyThatLocksTheCallerOutIsRefused() {
        assertThatThrownBy(() -> new KeyHandler().create(cloud.root("Key"), Map.of("KeyPolicy", keyPolicy("arn:aws:iam::333333333333:root"))))
                .hasMessageContaining("\"The new key policy will not allow you to update the key policy in the future. (Service: Kms, Status Code: 400");
    }

    @Test
    void createKeyIsAuthorizedOnAnyResource() {
        Principal cfn = cloud.assumedRole("cfn-exec", allow("kms:CreateKey", "arn:aws:kms:us-east-1:222222222222:key/*"));

        assertThatThrownBy(() -> new KeyHandler().create(cloud.context("Key", cfn), Map.of()))
                .hasMessageContaining("\"User: arn:aws:sts::222222222222:assumed-role/cfn-exec/AWSCloudFormation is not authorized to perform:"
                        + " kms:CreateKey because no identity-based policy allows the kms:CreateKey action (Service: Kms, Status Code: 400");
    }

    @Test
    void ssmParametersReturnTypeAndValueAndCheckTheirPattern() throws Exception {
        ParameterHandler parameters = new ParameterHandler();
        ProvisionResult p = parameters.create(cloud.root("ApiUrl"), Map.of("Type", "String", "Value", "https://x"));

        assertThat(p.physicalId()).matches("CFN-ApiUrl-[A-Z0-9]{12}");
        assertThat(p.attributes()).containsEntry("Type", "String").containsEntry("Value", "https://x");
        assertThat(parameters.validate(Map.of("Type", "SecureString", "Value", "s")))
                .containsExactly("#/Type: SecureString is not a valid enum value");
        assertThatThrownBy(() -> parameters.create(cloud.root("Port"), Map.of("Name", "/app/port", "Type", "String",
                "Value", "http", "AllowedPattern", "^\\d+$")))
                .hasMessageContaining("\"Parameter value, http, failed to satisfy constraint specified in AllowedPattern: ^\\d+$. (Service: Ssm");
    }

    @Test
    void aRepositoryHasCloneUrlsAndCanBeRenamed() throws Exception {
        RepositoryHandler repos = new RepositoryHandler();
        ResourceContext ctx = cloud.root("Repo");
        ProvisionResult repo = repos.create(ctx, Map.of("RepositoryName", "orders-api"));

        assertThat(repo.attributes()).containsEntry("Arn", "arn:aws:codecommit:us-east-1:222222222222:orders-api")
                .containsEntry("CloneUrlHttp", "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/orders-api")
                .containsEntry("CloneUrlSsh", "ssh://git-codecommit.us-east-1.amazonaws.com/v1/repos/orders-api")
                .containsEntry("Name", "orders-api");
        ProvisionResult renamed = repos.update(ctx, repo, Map.of("RepositoryName", "orders-api"), Map.of("RepositoryName", "orders"));
        assertThat(renamed.physicalId()).isEqualTo(repo.physicalId());
        assertThat(renamed.attributes()).containsEntry("Name", "orders");
        assertThatThrownBy(() -> repos.create(cloud.root("Repo2"), Map.of("RepositoryName", "orders")))
                .hasMessageContaining("\"Repository named orders already exists (Service: CodeCommit");
    }

    private Map<String, Object> project(String serviceRole) {
        Map<String, Object> p = new HashMap<>();
        p.put("Name", "orders-build");
        p.put("ServiceRole", serviceRole);
        p.put("Artifacts", Map.of("Type", "CODEPIPELINE"));
        p.put("Source", Map.of("Type", "CODEPIPELINE", "BuildSpec", "buildspec.yml"));
        p.put("Environment", Map.of("ComputeType", "BUILD_GENERAL1_SMALL", "Image", "aws/codebuild/amazonlinux2-x86_64-standard:5.0",
                "Type", "LINUX_CONTAINER", "ImagePullCredentialsType", "CODEBUILD"));
        return p;
    }

    @Test
    void aBuildProjectNeedsARoleCodeBuildCanAssume() throws Exception {
        cloud.state.iam().createRole(ACCOUNT, "build", "/", ResourceFixture.trust("codebuild.amazonaws.com"), null, null);
        cloud.state.iam().createRole(ACCOUNT, "other", "/", ResourceFixture.trust("lambda.amazonaws.com"), null, null);
        ProjectHandler projects = new ProjectHandler();

        assertThat(projects.create(cloud.root("Build"), project("build")).attributes())
                .containsEntry("Arn", "arn:aws:codebuild:us-east-1:222222222222:project/orders-build");
        Map<String, Object> wrongRole = project("arn:aws:iam::222222222222:role/other");
        wrongRole.put("Name", "other-build");
        assertThatThrownBy(() -> projects.create(cloud.root("Build2"), wrongRole))
                .hasMessageContaining("\"CodeBuild is not authorized to perform: sts:AssumeRole on arn:aws:iam::222222222222:role/other (Service: CodeBuild");
        Map<String, Object> noEnvironment = project("build");
        noEnvironment.remove("Environment");
        assertThat(projects.validate(noEnvironment)).containsExactly("#: required key [Environment] not found");
    }

    private static Map<String, Object> stage(String name, String category, String provider) {
        return Map.of("Name", name, "Actions", List.of(Map.of("Name", name,
                "ActionTypeId", Map.of("Category", category, "Owner", "AWS", "Provider", provider, "Version", "1"))));
    }

    @Test
    void aPipelineNeedsTwoStagesAndARoleCodePipelineCanAssume() throws Exception {
        String role = cloud.state.iam().createRole(ACCOUNT, "pipeline", "/", ResourceFixture.trust("codepipeline.amazonaws.com"), null, null).arn();
        PipelineHandler pipelines = new PipelineHandler();
        Map<String, Object> store = Map.of("Type", "S3", "Location", "artifacts");

        assertThatThrownBy(() -> pipelines.create(cloud.root("Pipeline"), Map.of("RoleArn", role, "ArtifactStore", store,
                "Stages", List.of(stage("Source", "Source", "CodeCommit")))))
                .hasMessageContaining("\"Pipeline has only 1 stage(s). There should be a minimum of 2 stages in a pipeline (Service: CodePipeline");

        ResourceContext ctx = cloud.root("Pipeline");
        Map<String, Object> v1 = Map.of("RoleArn", role, "ArtifactStore", store,
                "Stages", List.of(stage("Source", "Source", "CodeCommit"), stage("Build", "Build", "CodeBuild")));
        ProvisionResult created = pipelines.create(ctx, v1);
        assertThat(created.physicalId()).matches("orders-api-Pipeline-[A-Z0-9]{13}");
        assertThat(created.attributes()).containsEntry("Version", "1");
        Map<String, Object> v2 = new HashMap<>(v1);
        v2.put("RestartExecutionOnUpdate", true);
        assertThat(pipelines.update(ctx, created, v1, v2).attributes()).containsEntry("Version", "2");
    }

    @Test
    void aRuleNeedsAPatternOrScheduleAndReturnsItsArn() throws Exception {
        RuleHandler rules = new RuleHandler();
        Map<String, Object> pattern = Map.of("source", List.of("aws.codecommit"), "detail-type", List.of("CodeCommit Repository State Change"));

        ProvisionResult rule = rules.create(cloud.root("OnPush"), Map.of("Name", "on-push", "EventPattern", pattern,
                "Targets", List.of(Map.of("Id", "pipeline", "Arn", "arn:aws:codepipeline:us-east-1:222222222222:p"))));
        assertThat(rule.physicalId()).isEqualTo("on-push");
        assertThat(rule.attributes()).containsEntry("Arn", "arn:aws:events:us-east-1:222222222222:rule/on-push");

        ProvisionResult onBus = rules.create(cloud.root("OnBus"), Map.of("Name", "r", "EventBusName", "ops", "ScheduleExpression", "rate(5 minutes)"));
        assertThat(onBus.physicalId()).isEqualTo("ops|r");
        assertThat(onBus.attributes()).containsEntry("Arn", "arn:aws:events:us-east-1:222222222222:rule/ops/r");

        assertThatThrownBy(() -> rules.create(cloud.root("Empty"), Map.of("Name", "empty")))
                .hasMessageContaining("\"Parameter(s) EventPattern or ScheduleExpression must be specified. (Service: EventBridge");
    }
}
