package dev.crossdeploy.stage;

import dev.crossdeploy.CrossdeployException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A group of the stages file written as an object with a {@code stackSet:} block, next to the list form. */
class StackSetGroupTest {
    @TempDir
    Path dir;

    private Path file;

    private StageResolver resolver(String groups) throws IOException {
        file = dir.resolve("stages.yaml");
        Files.writeString(file, """
                stages:
                  - {name: team-a, accountId: "555555555555", region: eu-west-1}
                  - {name: team-b, accountId: "666666666666", region: us-east-1}
                  - {name: prod, accountId: "444444444444", region: eu-west-1, protected: true}
                """ + groups);
        return new StageResolver(List.of(), file);
    }

    private static List<String> names(List<Stage> stages) { return stages.stream().map(Stage::name).toList(); }

    @Test
    void anObjectGroupCarriesItsStagesAndTheStackSetPreferences() throws IOException {
        var resolver = resolver("""
                groups:
                  qa-all: [team-a, team-b]
                  teams:
                    stages: [team-b, team-a]
                    stackSet:
                      name: orders-teams
                      maxConcurrent: 5
                      failureTolerance: 1
                      regionOrder: [us-east-1, eu-west-1]
                      regionConcurrency: parallel
                      concurrencyMode: SOFT_FAILURE_TOLERANCE
                """);

        StackSetGroup group = resolver.stackSetGroup("teams");
        assertThat(names(group.stages())).containsExactly("team-b", "team-a");
        assertThat(group.config()).isEqualTo(new StackSetConfig("orders-teams", 5, 1, List.of("us-east-1", "eu-west-1"),
                "PARALLEL", "SOFT_FAILURE_TOLERANCE", false, null));
        assertThat(group.config().executionRole()).isEqualTo("AWSCloudFormationStackSetExecutionRole");
        // Both forms still name stages for a stage-by-stage run.
        assertThat(names(resolver.resolveAll("qa-all"))).containsExactly("team-a", "team-b");
        assertThat(names(resolver.resolveAll("teams"))).containsExactly("team-b", "team-a");
    }

    @Test
    void anEmptyStackSetBlockTakesCloudFormationsDefaults() throws IOException {
        StackSetGroup group = resolver("groups:\n  teams: {stages: [team-a], stackSet: {}}\n").stackSetGroup("teams");
        assertThat(group.config()).isEqualTo(StackSetConfig.defaults());
    }

    @Test
    void deployStackSetNeedsAGroupWithAStackSetBlock() throws IOException {
        var resolver = resolver("groups:\n  qa-all: [team-a]\n  teams: {stages: [team-a], stackSet: {}}\n");

        assertThatThrownBy(() -> resolver.stackSetGroup("qa-all")).isInstanceOf(CrossdeployException.class)
                .hasMessage("deploy-stack-set -Dstage=qa-all: group 'qa-all' has no stackSet: block; name a group of the stages"
                        + " file with a stackSet: block (teams), written as groups: { qa-all: { stages: [...], stackSet: {} } }.");
        assertThatThrownBy(() -> resolver.stackSetGroup("team-a")).isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("deploy-stack-set -Dstage=team-a: 'team-a' is a stage, not a group;");
        assertThatThrownBy(() -> resolver.stackSetGroup("nope")).isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("deploy-stack-set -Dstage=nope: unknown group 'nope';");
        assertThatThrownBy(() -> resolver.stackSetGroup(null)).isInstanceOf(CrossdeployException.class)
                .hasMessage("No group given; run deploy-stack-set with -Dstage=<group>, one of the stages file's groups with a"
                        + " stackSet: block: teams.");
    }

    @Test
    void aStackSetGroupMayHoldAProtectedStageButAStageByStageRunThroughItIsRefused() throws IOException {
        var resolver = resolver("groups:\n  teams: {stages: [team-a, prod], stackSet: {}}\n");

        assertThat(names(resolver.stackSetGroup("teams").stages())).containsExactly("team-a", "prod");
        assertThatThrownBy(() -> resolver.resolveAll("teams")).isInstanceOf(CrossdeployException.class)
                .hasMessage("Group 'teams' holds protected stage 'prod', which a stage-by-stage run never deploys through a"
                        + " group; use deploy-stack-set -Dstage=teams or name the stages one by one.");
    }

    @Test
    void aListGroupStillNeverHoldsAProtectedStage() {
        assertThatThrownBy(() -> resolver("groups:\n  teams: [team-a, prod]\n")).isInstanceOf(CrossdeployException.class)
                .hasMessageEndingWith("stage 'prod' is protected and a group never includes a protected stage; remove it from"
                        + " the group and name it in -Dstage by itself.");
        assertThatThrownBy(() -> resolver("groups:\n  teams: {stages: [team-a, prod]}\n")).isInstanceOf(CrossdeployException.class)
                .hasMessageEndingWith("a group never includes a protected stage; remove it from the group and name it in -Dstage by itself.");
    }

    @Test
    void badStackSetSettingsAreOneLineEach() {
        assertRefused("{maxConcurrent: 0}", "Group 'teams' stackSet: maxConcurrent 0 is out of bounds; use 1 to 1000 accounts at once.");
        assertRefused("{failureTolerance: -1}",
                "Group 'teams' stackSet: failureTolerance -1 is out of bounds; use 0 to 1000 failed accounts per region.");
        assertRefused("{concurrencyMode: FAST}", "Group 'teams' stackSet: concurrencyMode 'FAST' is unknown; use"
                + " STRICT_FAILURE_TOLERANCE or SOFT_FAILURE_TOLERANCE.");
        assertRefused("{regionConcurrency: ALL}", "Group 'teams' stackSet: regionConcurrency 'ALL' is unknown; use SEQUENTIAL or PARALLEL.");
        assertRefused("{regionOrder: [eu-west-1]}", "Group 'teams' stackSet: regionOrder [eu-west-1] must name exactly the"
                + " regions of the group's stages [eu-west-1, us-east-1]; add the missing ones or remove the others.");
        assertRefused("{name: 9teams}", "Group 'teams' stackSet: name '9teams' is not a stack set name; start with a letter and"
                + " use only letters, digits and hyphens (at most 128).");
        assertRefused("{executionRoleName: 'no spaces'}", "Group 'teams' stackSet: executionRoleName 'no spaces' is not an IAM"
                + " role name (up to 64 letters, digits and +=,.@_-); leave it out for AWSCloudFormationStackSetExecutionRole.");
    }

    @Test
    void anUnknownStackSetFieldIsNamedWithItsLine() {
        assertThatThrownBy(() -> resolver("groups:\n  teams:\n    stages: [team-a, team-b]\n    stackSet: {maxConcurency: 5}\n"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageContaining("Cannot read stages file " + dir.resolve("stages.yaml"))
                .hasMessageContaining("maxConcurency")
                .hasMessageContaining("line 8");
        assertThatThrownBy(() -> resolver("groups:\n  teams:\n    members: [team-a]\n"))
                .isInstanceOf(CrossdeployException.class).hasMessageContaining("members");
    }

    private void assertRefused(String block, String message) {
        assertThatThrownBy(() -> resolver("groups:\n  teams: {stages: [team-a, team-b], stackSet: " + block + "}\n"))
                .isInstanceOf(CrossdeployException.class).hasMessage(message);
    }
}
