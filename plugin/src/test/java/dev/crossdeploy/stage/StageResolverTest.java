package dev.crossdeploy.stage;

import dev.crossdeploy.CrossdeployException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageResolverTest {
    @TempDir
    Path dir;

    private static StageSpec spec(String name, String account, String region) { return StageSpec.of(name, account, region); }

    private static StageSpec withRoles(String name, String account, String deployRole, String execRole) {
        return new StageSpec(name, account, "eu-west-1", deployRole, execRole, null, null, null, null,
                null, null, null, null, null);
    }

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("stages.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void fillsTheBootstrapNamesForAStageFromThePom() {
        Stage qa = new StageResolver(List.of(spec("qa", "333333333333", "eu-west-1")), null).resolve("qa");

        assertThat(qa.deployRoleArn()).isEqualTo("arn:aws:iam::333333333333:role/crossdeploy-deploy");
        assertThat(qa.executionRoleArn()).isEqualTo("arn:aws:iam::333333333333:role/crossdeploy-cfn-exec");
        assertThat(qa.artifactBucket()).isEqualTo("crossdeploy-artifacts-333333333333-eu-west-1");
        assertThat(qa.artifactPrefix()).isEmpty();
        assertThat(qa.kmsKeyId()).isNull();
        assertThat(qa.externalId()).isNull();
        assertThat(qa.protectedStage()).isFalse();
        assertThat(qa.capabilities()).isEmpty();
        assertThat(qa.parameters()).isEmpty();
    }

    @Test
    void readsEveryFieldFromTheStagesFile() throws IOException {
        Path f = file("""
                stages:
                  - name: prod
                    accountId: "444444444444"
                    region: eu-central-1
                    deployRoleArn: arn:aws:iam::444444444444:role/custom-deploy
                    executionRoleArn: arn:aws:iam::444444444444:role/custom-exec
                    artifactBucket: prod-artifacts
                    artifactPrefix: /services/
                    kmsKeyId: arn:aws:kms:eu-central-1:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab
                    externalId: prod-ext
                    parameters: { LogLevel: WARN, MemorySize: 512 }
                    tags: { team: payments }
                    protected: true
                    capabilities: [CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND]
                    requireVerifiedIn: staging
                  - name: staging
                    accountId: 222222222222
                    region: eu-central-1
                """);
        Stage prod = new StageResolver(List.of(), f).resolve("prod");

        assertThat(prod).isEqualTo(new Stage("prod", "444444444444", "eu-central-1",
                "arn:aws:iam::444444444444:role/custom-deploy", "arn:aws:iam::444444444444:role/custom-exec",
                "prod-artifacts", "services/", "arn:aws:kms:eu-central-1:444444444444:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "prod-ext", Map.of("LogLevel", "WARN", "MemorySize", "512"), Map.of("team", "payments"), true,
                List.of("CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"), "staging"));
        assertThat(new StageResolver(List.of(), f).resolve("staging").accountId()).isEqualTo("222222222222");
    }

    @Test
    void pomEntriesOverrideFileEntriesFieldByField() throws IOException {
        Path f = file("""
                stages:
                  - name: qa
                    accountId: "333333333333"
                    region: us-east-1
                    parameters: { LogLevel: INFO, Size: small }
                  - name: staging
                    accountId: "222222222222"
                    region: us-east-1
                """);
        StageSpec pomQa = new StageSpec("qa", null, "eu-west-1", null, null, null, null, null, null,
                Map.of("LogLevel", "DEBUG"), null, null, null, null);
        StageResolver resolver = new StageResolver(List.of(pomQa, spec("prod", "444444444444", "us-east-1")), f);

        Stage qa = resolver.resolve("qa");
        assertThat(qa.accountId()).isEqualTo("333333333333");
        assertThat(qa.region()).isEqualTo("eu-west-1");
        assertThat(qa.artifactBucket()).isEqualTo("crossdeploy-artifacts-333333333333-eu-west-1");
        assertThat(qa.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("LogLevel", "DEBUG", "Size", "small"));
        assertThat(resolver.stages()).extracting(Stage::name).containsExactly("qa", "staging", "prod");
    }

    @Test
    void rejectsAnAccountIdThatIsNotTwelveDigits() {
        assertThatThrownBy(() -> new StageResolver(List.of(spec("qa", "33333333333", "us-east-1")), null))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stage 'qa': accountId '33333333333' is not a 12-digit AWS account id; set accountId"
                        + " to the account's 12 digits (quoted in YAML so leading zeros survive).");
    }

    @Test
    void rejectsAnUnknownRegionFormat() {
        assertThatThrownBy(() -> new StageResolver(List.of(spec("qa", "333333333333", "useast1")), null))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stage 'qa': region 'useast1' is not an AWS region; set region to an existing region of the"
                        + " form <area>-<direction>-<number>, like us-east-1 or eu-west-1.");
    }

    @Test
    void rejectsARegionOfTheRightShapeThatDoesNotExist() {
        assertThatThrownBy(() -> new StageResolver(List.of(spec("qa", "333333333333", "us-east-99")), null))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stage 'qa': region 'us-east-99' is not an AWS region; set region to an existing region of the"
                        + " form <area>-<direction>-<number>, like us-east-1 or eu-west-1.");
    }

    @Test
    void protectedInTheStagesFileIsTrueOrFalseOnly() throws IOException {
        Path f = file("stages:\n  - name: prod\n    accountId: '444444444444'\n    region: us-east-1\n    protected: maybe\n");
        assertThatThrownBy(() -> new StageResolver(List.of(), f))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stage 'prod': protected 'maybe' is not a boolean; use true or false.");

        Path upper = file("stages:\n  - name: prod\n    accountId: '444444444444'\n    region: us-east-1\n    protected: TRUE\n");
        assertThat(new StageResolver(List.of(), upper).resolve("prod").protectedStage()).isTrue();
    }

    @Test
    void acceptsRegionsOfEveryPartitionShape() {
        for (String region : List.of("us-east-1", "ap-southeast-4", "us-gov-west-1", "cn-north-1", "il-central-1")) {
            assertThat(new StageResolver(List.of(spec("qa", "333333333333", region)), null).resolve("qa").region())
                    .isEqualTo(region);
        }
    }

    @Test
    void rejectsMissingAccountAndRegion() {
        assertThatThrownBy(() -> new StageResolver(List.of(spec("qa", null, "us-east-1")), null))
                .hasMessage("Stage 'qa': accountId is missing; set it to the 12-digit id of the account the stage deploys to.");
        assertThatThrownBy(() -> new StageResolver(List.of(spec("qa", "333333333333", null)), null))
                .hasMessage("Stage 'qa': region is missing; set it to the region the stage deploys to, like us-east-1.");
    }

    @Test
    void rejectsAStageWithoutName() {
        assertThatThrownBy(() -> new StageResolver(List.of(spec(null, "333333333333", "us-east-1")), null))
                .hasMessage("Stage #1 in the POM's <stages> has no name; give every stage a name (the value of -Dstage).");
    }

    @Test
    void rejectsDuplicateNamesInThePom() {
        assertThatThrownBy(() -> new StageResolver(List.of(spec("qa", "333333333333", "us-east-1"),
                spec("qa", "222222222222", "us-east-1")), null))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stage name 'qa' is defined twice in the POM's <stages>; give each stage a unique name"
                        + " or remove one of them.");
    }

    @Test
    void rejectsDuplicateNamesInTheFile() throws IOException {
        Path f = file("""
                stages:
                  - { name: qa, accountId: "333333333333", region: us-east-1 }
                  - { name: qa, accountId: "333333333333", region: eu-west-1 }
                """);
        assertThatThrownBy(() -> new StageResolver(List.of(), f))
                .hasMessage("Stage name 'qa' is defined twice in stages file " + f
                        + "; give each stage a unique name or remove one of them.");
    }

    @Test
    void rejectsADeployRoleOfAnotherAccount() {
        assertThatThrownBy(() -> new StageResolver(List.of(withRoles("qa", "333333333333",
                "arn:aws:iam::222222222222:role/crossdeploy-deploy", null)), null))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stage 'qa': deployRoleArn arn:aws:iam::222222222222:role/crossdeploy-deploy is a role of"
                        + " account 222222222222, not of the stage's account 333333333333; use a role in 333333333333"
                        + " or leave deployRoleArn out for the default.");
    }

    @Test
    void rejectsAnExecutionRoleOfAnotherAccount() {
        assertThatThrownBy(() -> new StageResolver(List.of(withRoles("qa", "333333333333", null,
                "arn:aws:iam::444444444444:role/exec")), null))
                .hasMessageStartingWith("Stage 'qa': executionRoleArn arn:aws:iam::444444444444:role/exec is a role of"
                        + " account 444444444444, not of the stage's account 333333333333;");
    }

    @Test
    void rejectsSomethingThatIsNotARoleArn() {
        assertThatThrownBy(() -> new StageResolver(List.of(withRoles("qa", "333333333333",
                "arn:aws:iam::333333333333:user/deployer", null)), null))
                .hasMessage("Stage 'qa': deployRoleArn 'arn:aws:iam::333333333333:user/deployer' is not an IAM role ARN;"
                        + " use arn:aws:iam::333333333333:role/<name> or leave it out for the default.");
    }

    @Test
    void rejectsUnknownCapabilitiesAndVerificationStages() {
        StageSpec badCapability = new StageSpec("qa", "333333333333", "us-east-1", null, null, null, null, null,
                null, null, null, null, List.of("IAM"), null);
        assertThatThrownBy(() -> new StageResolver(List.of(badCapability), null))
                .hasMessage("Stage 'qa': capability 'IAM' is unknown; use CAPABILITY_IAM, CAPABILITY_NAMED_IAM"
                        + " or CAPABILITY_AUTO_EXPAND.");
        StageSpec badVerification = new StageSpec("prod", "444444444444", "us-east-1", null, null, null, null, null,
                null, null, null, null, null, "stagin");
        assertThatThrownBy(() -> new StageResolver(List.of(badVerification, spec("staging", "222222222222", "us-east-1")), null))
                .hasMessage("Stage 'prod': requireVerifiedIn names unknown stage 'stagin'; use one of: prod, staging.");
    }

    @Test
    void unknownStageListsTheKnownOnes() {
        StageResolver resolver = new StageResolver(List.of(spec("staging", "222222222222", "us-east-1"),
                spec("qa", "333333333333", "us-east-1")), null);
        assertThatThrownBy(() -> resolver.resolve("prod"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Unknown stage 'prod'; known stages: qa, staging. Run with one of them or add the stage"
                        + " to <stages> or the stages file.");
    }

    @Test
    void missingStageListsTheKnownOnes() {
        StageResolver resolver = new StageResolver(List.of(spec("staging", "222222222222", "us-east-1"),
                spec("qa", "333333333333", "us-east-1")), null);
        assertThatThrownBy(() -> resolver.resolve(null))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("No stage given; run with -Dstage=<name>, one of: qa, staging.");
        assertThatThrownBy(() -> resolver.resolve(" ")).hasMessageStartingWith("No stage given;");
    }

    @Test
    void noStagesAtAllSaysWhereToDeclareThem() {
        assertThatThrownBy(() -> new StageResolver(List.of(), null).resolve("qa"))
                .hasMessage("No stages are configured; add <stages><stage>...</stage></stages> to the plugin"
                        + " configuration or point crossdeploy.stagesFile at a stages file.");
    }

    @Test
    void unreadableYamlNamesTheFileAndTheLine() throws IOException {
        Path f = file("""
                stages:
                  - name: qa
                    accountId: "333333333333"
                     region: us-east-1
                """);
        assertThatThrownBy(() -> new StageResolver(List.of(), f))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Cannot read stages file " + f + " at line 4, column ")
                .hasMessageEndingWith("; fix the YAML there.")
                .hasMessageNotContaining("\n");
    }

    @Test
    void unknownFieldInTheFileIsNamedWithItsLine() throws IOException {
        Path f = file("""
                stages:
                  - name: qa
                    accountId: "333333333333"
                    regoin: us-east-1
                """);
        assertThatThrownBy(() -> new StageResolver(List.of(), f))
                .hasMessageStartingWith("Cannot read stages file " + f + " at line 4, column ")
                .hasMessageContaining("Unrecognized field \"regoin\"")
                .hasMessageNotContaining("\n");
    }

    @Test
    void missingFileAndMissingListAreExplained() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> new StageResolver(List.of(), missing))
                .hasMessage("Stages file " + missing + " does not exist or is not a file; fix crossdeploy.stagesFile"
                        + " or create the file.");
        Path empty = file("qa: {}\n");
        assertThatThrownBy(() -> new StageResolver(List.of(), empty))
                .hasMessageStartingWith("Cannot read stages file " + empty + " at line 1");
        Path noList = file("# nothing yet\n");
        assertThatThrownBy(() -> new StageResolver(List.of(), noList))
                .hasMessage("Stages file " + noList + " has no 'stages:' list; start it with 'stages:' followed by"
                        + " '- name: ...' entries.");
    }
}
