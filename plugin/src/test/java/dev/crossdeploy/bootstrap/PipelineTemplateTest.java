package dev.crossdeploy.bootstrap;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.crossdeploy.stack.DeployRequest;
import dev.crossdeploy.stack.DeployResult;
import dev.crossdeploy.stack.StackDeployer;
import dev.crossdeploy.stack.TemplateUploader;
import dev.crossdeploy.stage.Stage;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.crossdeploy.bootstrap.BootstrapStacks.PIPELINE;
import static dev.crossdeploy.bootstrap.BootstrapStacks.bootstrap;
import static org.assertj.core.api.Assertions.assertThat;

/** The central pipeline template deploys in the pipeline account and its CodeBuild role reaches only the deploy roles. */
class PipelineTemplateTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    private static final String STACK = "example-api-pipeline";

    @TempDir
    static Path outputs;

    @Test
    void deploysInThePipelineAccountWithItsOutputs() {
        DeployResult stack = deployPipeline();
        assertThat(stack.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.outputs()).containsEntry("PipelineName", STACK).containsKey("RepositoryCloneUrl");
        assertThat(stack.outputs().get("RepositoryCloneUrl")).contains("example-api");
    }

    @Test
    void theCodeBuildRoleMayAssumeOnlyTheThreeDeployRoles() {
        deployPipeline();
        IamStore iam = cloud.cloud().state().iam();
        Principal codebuild = iam.serviceSession("arn:aws:iam::" + PIPELINE + ":role/" + STACK + "-codebuild", "build");

        for (String account : List.of("222222222222", "333333333333", "444444444444")) {
            assertThat(identityPolicyDecision(iam, codebuild, "arn:aws:iam::" + account + ":role/crossdeploy-deploy"))
                    .as("deploy role of %s", account).isEqualTo(Decision.ALLOW);
        }
        for (String other : List.of("arn:aws:iam::222222222222:role/crossdeploy-cfn-exec",
                "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
                "arn:aws:iam::555555555555:role/crossdeploy-deploy",
                "arn:aws:iam::111111111111:role/crossdeploy-deploy")) {
            assertThat(identityPolicyDecision(iam, codebuild, other)).as(other).isNotEqualTo(Decision.ALLOW);
        }

        // End to end in IAM terms: staging bootstrapped to trust just this CodeBuild role lets it in.
        bootstrap(cloud, "staging", new BootstrapRequest(PIPELINE, List.of(STACK + "-codebuild"), null, false,
                List.of(), null), new RecordingReporter());
        var deployRole = iam.role("arn:aws:iam::222222222222:role/crossdeploy-deploy").orElseThrow();
        assertThat(iam.evaluator().trusts(deployRole, codebuild, Map.of())).isTrue();
        assertThat(iam.evaluator().evaluate(codebuild, "sts:AssumeRole", deployRole.arn(), "222222222222",
                deployRole.trustPolicy(), Map.of())).isEqualTo(Decision.ALLOW);
    }

    @Test
    void buildsOnceAndDeploysTheSameArtifactThroughEveryStageInOrder() throws Exception {
        Map<String, Object> template = CloudFormationYaml.load(RepositoryFiles.root().resolve("example-api/pipeline/pipeline.yaml"));
        List<Map<String, Object>> stages = CloudFormationYaml.at(template, "Resources", "Pipeline", "Properties", "Stages");
        assertThat(stages).extracting(s -> s.get("Name")).containsExactly(
                "Source", "Build", "DeployStaging", "IntegrationTests", "DeployQA", "Approval", "DeployProd");

        Map<String, String> expected = Map.of(
                "Build", "build:",
                "DeployStaging", "deploy:staging", "IntegrationTests", "integration-test:staging",
                "DeployQA", "deploy:qa", "DeployProd", "deploy:prod");
        for (Map<String, Object> stage : stages) {
            Map<String, Object> action = CloudFormationYaml.at(stage, "Actions", 0);
            Map<String, Object> type = CloudFormationYaml.at(action, "ActionTypeId");
            String name = (String) stage.get("Name");
            switch (name) {
                case "Source" -> assertThat(type).containsEntry("Provider", "CodeCommit");
                case "Approval" -> assertThat(type).containsEntry("Category", "Approval").containsEntry("Provider", "Manual");
                default -> {
                    assertThat(type).as(name).containsEntry("Provider", "CodeBuild");
                    String env = CloudFormationYaml.at(action, "Configuration", "EnvironmentVariables");
                    String[] actionAndStage = expected.get(name).split(":", -1);
                    assertThat(env).as(name).contains("{\"name\":\"ACTION\",\"value\":\"" + actionAndStage[0] + "\"");
                    if (!actionAndStage[1].isEmpty()) {
                        assertThat(env).as(name).contains("{\"name\":\"STAGE\",\"value\":\"" + actionAndStage[1] + "\"");
                    }
                    List<Map<String, Object>> inputs = CloudFormationYaml.at(action, "InputArtifacts");
                    assertThat(inputs).as("%s's input", name).extracting(i -> i.get("Name"))
                            .containsExactly(name.equals("Build") ? "Source" : "Build");
                }
            }
        }
    }

    @Test
    void aPushToMasterStartsThePipeline() throws Exception {
        Map<String, Object> template = CloudFormationYaml.load(RepositoryFiles.root().resolve("example-api/pipeline/pipeline.yaml"));
        Map<String, Object> pattern = CloudFormationYaml.at(template, "Resources", "PipelineTrigger", "Properties", "EventPattern");
        assertThat(CloudFormationYaml.<List<String>>at(pattern, "source")).containsExactly("aws.codecommit");
        assertThat(CloudFormationYaml.<List<String>>at(pattern, "detail", "event"))
                .containsExactlyInAnyOrder("referenceCreated", "referenceUpdated");
        assertThat(CloudFormationYaml.<List<String>>at(pattern, "detail", "referenceFullName"))
                .containsExactly("refs/heads/master");
        assertThat(CloudFormationYaml.<String>at(template, "Resources", "Pipeline", "Properties", "Stages", 0,
                "Actions", 0, "Configuration", "BranchName")).isEqualTo("master");
    }

    /** The CodeBuild role's own policies alone (no trust policy on the other side counted). */
    private static Decision identityPolicyDecision(IamStore iam, Principal caller, String roleArn) {
        return iam.evaluator().evaluate(caller, "sts:AssumeRole", roleArn, caller.accountId(), null, Map.of());
    }

    /** Deploys pipeline.yaml as the pipeline account's root, through the stack engine's change sets. */
    private static DeployResult deployPipeline() {
        Path template = RepositoryFiles.root().resolve("example-api/pipeline/pipeline.yaml");
        Stage pipeline = new Stage("pipeline", PIPELINE, cloud.region(), null, null, null, "", null, null,
                Map.of("StagingAccountId", "222222222222", "QaAccountId", "333333333333",
                        "ProdAccountId", "444444444444", "RepositoryName", "example-api"),
                null, false, List.of(), null);
        try (var cfn = cloud.root("pipeline").cloudFormation()) {
            return new StackDeployer(cfn, TemplateUploader.none(), new RecordingReporter(), BootstrapStacks.fastPolls())
                    .deploy(new DeployRequest(pipeline, STACK, template, null, null, null, false,
                            Duration.ofMinutes(2), outputs));
        }
    }
}
