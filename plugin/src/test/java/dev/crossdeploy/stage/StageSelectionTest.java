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

/** {@code -Dstage} naming several stages: comma lists, groups of the stages file, {@code all}, and protected stages. */
class StageSelectionTest {
    @TempDir
    Path dir;

    private StageResolver resolver(String groups) throws IOException {
        Path f = dir.resolve("stages.yaml");
        Files.writeString(f, """
                stages:
                  - {name: qa-eu, accountId: "333333333333", region: eu-west-1}
                  - {name: qa-us, accountId: "222222222222", region: us-east-1}
                  - {name: team-a, accountId: "555555555555", region: eu-west-1}
                  - {name: prod, accountId: "444444444444", region: eu-west-1, protected: true, requireVerifiedIn: qa-eu}
                """ + groups);
        return new StageResolver(List.of(), f);
    }

    private static List<String> names(List<Stage> stages) { return stages.stream().map(Stage::name).toList(); }

    @Test
    void aCommaListNamesStagesInItsOrderOnceEach() throws IOException {
        assertThat(names(resolver("").resolveAll(" team-a, qa-eu ,team-a"))).containsExactly("team-a", "qa-eu");
        assertThat(names(resolver("").resolveAll("qa-us"))).containsExactly("qa-us");
    }

    @Test
    void aGroupOfTheStagesFileExpandsToItsStages() throws IOException {
        var resolver = resolver("groups:\n  qa-all: [qa-eu, qa-us]\n");

        assertThat(names(resolver.resolveAll("qa-all"))).containsExactly("qa-eu", "qa-us");
        assertThat(names(resolver.resolveAll("team-a,qa-all"))).containsExactly("team-a", "qa-eu", "qa-us");
    }

    @Test
    void allIsEveryStageButTheProtectedOnes() throws IOException {
        assertThat(names(resolver("").resolveAll("all"))).containsExactly("qa-eu", "qa-us", "team-a");
    }

    @Test
    void aProtectedStageJoinsOnlyWhenNamedByItself() throws IOException {
        List<Stage> stages = resolver("").resolveAll("all,prod");

        assertThat(names(stages)).containsExactly("qa-eu", "qa-us", "team-a", "prod");
        assertThat(stages.get(3).requireVerifiedIn()).as("the gate travels with the stage").isEqualTo("qa-eu");
    }

    @Test
    void aGroupWithAProtectedStageIsRefused() throws IOException {
        assertThatThrownBy(() -> resolver("groups:\n  everything: [qa-eu, prod]\n"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Group 'everything' in stages file " + dir.resolve("stages.yaml") + ": stage 'prod' is protected"
                        + " and a group never includes a protected stage; remove it from the group and name it in -Dstage by itself.");
    }

    @Test
    void aGroupNamingAnUnknownStageIsRefused() throws IOException {
        assertThatThrownBy(() -> resolver("groups:\n  qa-all: [qa-eu, qa-asia]\n"))
                .hasMessage("Group 'qa-all' in stages file " + dir.resolve("stages.yaml")
                        + ": unknown stage 'qa-asia'; list only configured stages.");
    }

    @Test
    void aGroupWithAStagesNameOrNoStagesIsRefused() throws IOException {
        assertThatThrownBy(() -> resolver("groups:\n  qa-eu: [qa-us]\n"))
                .hasMessage("Group 'qa-eu' in stages file " + dir.resolve("stages.yaml")
                        + ": a stage has the same name; rename the group or the stage.");
        assertThatThrownBy(() -> resolver("groups:\n  none: []\n"))
                .hasMessage("Group 'none' in stages file " + dir.resolve("stages.yaml")
                        + ": it lists no stages; list stage names, like [qa-eu, qa-us].");
    }

    @Test
    void anUnknownEntryInAListSaysWhatIsKnown() throws IOException {
        assertThatThrownBy(() -> resolver("groups:\n  qa-all: [qa-eu, qa-us]\n").resolveAll("qa-eu,qa-asia"))
                .hasMessage("Unknown stage or group 'qa-asia' in -Dstage=qa-eu,qa-asia; known stages: prod, qa-eu, qa-us,"
                        + " team-a; groups: all, qa-all.");
    }

    @Test
    void anEmptyEntryIsRefused() throws IOException {
        assertThatThrownBy(() -> resolver("").resolveAll("qa-eu,,qa-us"))
                .hasMessage("-Dstage=qa-eu,,qa-us has an empty entry; separate stage and group names by single commas,"
                        + " like -Dstage=qa-eu,qa-us.");
    }

    @Test
    void allWhenEveryStageIsProtectedSelectsNothingAndSaysSo() throws IOException {
        Path f = dir.resolve("prod-only.yaml");
        Files.writeString(f, "stages:\n  - {name: prod, accountId: \"444444444444\", region: eu-west-1, protected: true}\n");

        assertThatThrownBy(() -> new StageResolver(List.of(), f).resolveAll("all"))
                .hasMessage("-Dstage=all selects no stage (every stage is protected); name the stages to deploy, like -Dstage=qa,prod.");
    }
}
