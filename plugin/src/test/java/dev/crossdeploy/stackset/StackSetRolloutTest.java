package dev.crossdeploy.stackset;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.report.html.StackSetReport;
import dev.crossdeploy.stack.ParameterNames;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.StageResolver;
import dev.crossdeploy.testing.RecordingReporter;
import dev.crossdeploy.testing.TestZips;
import dev.crossdeploy.upload.UploadOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackSetNotFoundException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.crossdeploy.stackset.StackSetAccounts.accountId;
import static dev.crossdeploy.stackset.StackSetAccounts.bucket;
import static dev.crossdeploy.stackset.StackSetAccounts.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy-stack-set's engine against the local cloud's StackSets: twenty bootstrapped accounts in
 * one stage group, rolled out through one stack set in the pipeline account.
 */
class StackSetRolloutTest {
    static final int TEAMS = 20;

    @RegisterExtension
    static StackSetAccounts cloud = new StackSetAccounts(TEAMS);

    static final String TEMPLATE = """
            Parameters:
              ArtifactBucket: {Type: String}
              ArtifactKey: {Type: String}
              Stage: {Type: String}
            Resources:
              Release:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Name: !Sub '/orders/${Stage}/release'
                  Value: !Sub 's3://${ArtifactBucket}/${ArtifactKey}'
            """;

    @TempDir
    Path dir;
    Path build;
    Path template;
    final RecordingReporter lines = new RecordingReporter();

    @BeforeEach
    void project() throws Exception {
        build = dir.resolve("target");
        Files.createDirectories(build);
        template = dir.resolve("template.yaml");
        Files.writeString(template, TEMPLATE);
        packageArtifact(1);
    }

    /** A new artifact, as the package goal records it; each release has its own content and hash. */
    String packageArtifact(int release) throws Exception {
        Path zip = TestZips.of(build.resolve("orders-" + release + ".zip"), Map.of("release.txt", ("release " + release).getBytes()));
        String sha = Sha256.hexOf(zip);
        new ArtifactManifest(zip, sha, Files.size(zip), null, "com.example", "orders", "1." + release)
                .write(ArtifactManifest.locationIn(build));
        return sha;
    }

    static String stagesFile(String stackSetBlock, String extraStage, String... extraMembers) {
        StringBuilder y = new StringBuilder("stages:\n");
        for (int i = 1; i <= TEAMS; i++) {
            y.append("  - {name: ").append(name(i)).append(", accountId: \"").append(accountId(i)).append("\", region: us-east-1}\n");
        }
        y.append(extraStage);
        String members = IntStream.rangeClosed(1, TEAMS).mapToObj(StackSetAccounts::name).collect(Collectors.joining(", "));
        for (String extra : extraMembers) members = members + ", " + extra;
        y.append("groups:\n  teams:\n    stages: [").append(members).append("]\n    stackSet: ").append(stackSetBlock).append("\n");
        return y.toString();
    }

    List<InstanceOutcome> roll(String stagesFile, boolean allowProtected, Set<String> allowReplace) {
        Path file = dir.resolve("crossdeploy-stages.yaml");
        StackSetAccounts.write(file, stagesFile);
        StageResolver resolver = new StageResolver(List.of(), file);
        StackSetRequest request = new StackSetRequest(resolver.stackSetGroup("teams"), "orders-teams", template,
                ParameterNames.DEFAULTS, allowReplace, allowProtected, build, UploadOptions.DEFAULTS, Duration.ofMinutes(2), 10);
        // As deploy-stack-set does: the page is written whether the rollout succeeds or not.
        StackSetReport report = new StackSetReport(build.resolve("crossdeploy"), "teams", Clock.systemUTC());
        try {
            return new StackSetRollout(cloud.pipelineSettings(), resolver, lines, fastPolls()).recordingTo(report).roll(request);
        } finally {
            report.write(lines);
        }
    }

    String page() throws Exception {
        return Files.readString(build.resolve("crossdeploy/teams-report.html"));
    }

    List<InstanceOutcome> roll(String stackSetBlock) {
        return roll(stagesFile(stackSetBlock, ""), false, Set.of());
    }

    static Timing fastPolls() {
        return Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    static Stack instanceStack(int team) {
        try (CloudFormationClient cfn = cloud.cloudFormation(name(team))) {
            return cfn.describeStacks().stacks().stream().filter(s -> s.stackName().startsWith("StackSet-orders-teams-"))
                    .findFirst().orElseThrow(() -> new AssertionError("no instance stack in " + name(team)));
        }
    }

    static Map<String, String> parameters(Stack stack) {
        return stack.parameters().stream().collect(Collectors.toMap(Parameter::parameterKey, Parameter::parameterValue));
    }

    static String key(String sha) { return "orders/" + sha + ".zip"; }

    @Test
    void firstRolloutCreatesAnInstanceInEveryAccountWithItsOwnBucketAndShowsEachAccountAndATable() throws Exception {
        String sha = Sha256.hexOf(build.resolve("orders-1.zip"));
        List<InstanceOutcome> outcomes = roll("{maxConcurrent: 5, failureTolerance: 1}");

        assertThat(outcomes).hasSize(TEAMS).allSatisfy(o -> assertThat(o.status()).isEqualTo("SUCCEEDED"));
        for (int team = 1; team <= TEAMS; team++) {
            Stack stack = instanceStack(team);
            assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
            assertThat(parameters(stack)).containsEntry("ArtifactBucket", bucket(team)).containsEntry("ArtifactKey", key(sha))
                    .containsEntry("Stage", name(team));
            int t = team;
            try (var s3 = cloud.s3(name(team))) {
                assertThat(s3.headObject(b -> b.bucket(bucket(t)).key(key(sha))).contentLength()).isPositive();
            }
        }
        List<String> messages = lines.messages();
        assertThat(messages).contains("Created stack set orders-teams (SELF_MANAGED: AWSCloudFormationStackSetAdministrationRole"
                + " assumes AWSCloudFormationStackSetExecutionRole in each account)");
        assertThat(messages).containsSubsequence("[team-01] 900000000001 us-east-1: SUCCEEDED",
                "[team-20] 900000000020 us-east-1: SUCCEEDED");
        // Each account's status change is printed once.
        assertThat(messages.stream().filter(l -> l.equals("[team-07] 900000000007 us-east-1: SUCCEEDED"))).hasSize(1);
        int table = messages.indexOf("Stack set orders-teams:");
        assertThat(messages.subList(table + 1, table + 3)).containsExactly(
                "  Stage    Account       Region     Status     Reason",
                "  team-01  900000000001  us-east-1  SUCCEEDED");
        assertThat(messages.get(table + TEAMS + 1)).isEqualTo("  team-20  900000000020  us-east-1  SUCCEEDED");
    }

    @Test
    void anAccountNotBootstrappedForStackSetsFailsAndTheRestIsNotStartedOnceTheToleranceIsExceeded() throws Exception {
        String sha = Sha256.hexOf(build.resolve("orders-1.zip"));
        cloud.removeStackSetRole(7);
        String reason = "Account 900000000007 should have 'AWSCloudFormationStackSetExecutionRole' role with trust"
                + " relationship to Role 'AWSCloudFormationStackSetAdministrationRole'.";

        assertThatThrownBy(() -> roll("{maxConcurrent: 5, failureTolerance: 0}"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Stack set orders-teams rollout to group teams failed in 1 of 20 accounts: team-07 (900000000007,"
                        + " us-east-1): " + reason.substring(0, reason.length() - 1) + "; 13 not deployed (team-08, team-09, team-10, team-11, team-12, team-13,"
                        + " team-14, team-15, team-16, team-17, team-18, team-19, team-20). Fix the cause and run"
                        + " deploy-stack-set -Dstage=teams again.");

        assertThat(lines.lines()).contains("ERROR [team-07] 900000000007 us-east-1: FAILED - " + reason);
        assertThat(lines.messages()).contains(
                "  team-06  900000000006  us-east-1  SUCCEEDED",
                "  team-07  900000000007  us-east-1  FAILED       " + reason,
                "  team-08  900000000008  us-east-1  NOT_STARTED  not started: 1 accounts failed in us-east-1, more than the failure tolerance of 0");
        try (CloudFormationClient cfn = cloud.cloudFormation(name(8))) {
            assertThat(cfn.describeStacks().stacks()).isEmpty();
        }
        // The page: the failed account first with its reason at the top, every account named, a bar for each that ran.
        String page = page();
        String escaped = reason.replace("'", "&#39;");
        assertThat(page).contains("<div class=\"root-cause\" id=\"root-cause-team-07\"><strong>Stage team-07 (900000000007,"
                        + " us-east-1) failed. Reason:</strong><code>" + escaped + "</code></div>",
                "<tr><th>Stack set</th><td>orders-teams</td></tr>",
                "<tr><th>Preferences</th><td>MaxConcurrentCount 5, FailureToleranceCount 0, ConcurrencyMode STRICT_FAILURE_TOLERANCE"
                        + " (default), RegionConcurrencyType SEQUENTIAL (default)</td></tr>",
                "<tr><th>Artifact SHA-256</th><td>" + sha + "</td></tr>", "<tr><th>Artifact key</th><td>" + key(sha) + "</td></tr>",
                "<tr id=\"instance-team-07\"><td>team-07</td><td>900000000007</td><td>us-east-1</td><td class=\"failed\">FAILED</td><td>"
                        + escaped + "</td>",
                "<tr id=\"instance-team-08\"><td>team-08</td><td>900000000008</td><td>us-east-1</td><td class=\"failed\">NOT_STARTED</td>");
        for (int team = 1; team <= TEAMS; team++) assertThat(page).contains("<td>" + accountId(team) + "</td>");
        assertThat(page.indexOf("id=\"instance-team-07\"")).as("failed first").isLessThan(page.indexOf("id=\"instance-team-01\""));
        assertThat(page.split("<g class=\"bar outcome-complete\">", -1)).as("green bars of team-01 to team-06").hasSize(7);
        assertThat(page.split("<g class=\"bar outcome-failed\">", -1)).as("the red bar of team-07").hasSize(2);
        assertThat(page).contains("CreateStackInstances ").doesNotContain("outcome-rolled-back");

        // Fixed and run again: the failed instance is updated with the others, the missing ones are created.
        cloud.addStackSetRole(7);
        lines.clear();
        assertThat(roll("{maxConcurrent: 5, failureTolerance: 0}")).hasSize(TEAMS)
                .allSatisfy(o -> assertThat(o.status()).isEqualTo("SUCCEEDED"));
        assertThat(instanceStack(7).stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(instanceStack(20).stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(lines.messages()).anySatisfy(l -> assertThat(l).startsWith("Stack set orders-teams: UpdateStackSet operation ")
                .endsWith(" on 7 instances (at most 5 accounts at once, failure tolerance 0)"));
        // The page of the second run replaces the first: all green, no reason at the top.
        assertThat(page()).contains("<tr><th>Result</th><td class=\"ok\">SUCCEEDED</td></tr>", "UpdateStackSet ")
                .doesNotContain("class=\"root-cause\"", "outcome-failed");
        assertThat(page().split("<g class=\"bar outcome-complete\">", -1)).hasSize(TEAMS + 1);
    }

    @Test
    void aSecondRolloutUpdatesEveryInstanceWithTheNewArtifactKeyInOneOperation() throws Exception {
        roll("{maxConcurrent: 10, failureTolerance: 2}");
        String release2 = packageArtifact(2);
        lines.clear();

        List<InstanceOutcome> outcomes = roll("{maxConcurrent: 10, failureTolerance: 2}");

        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo("SUCCEEDED"));
        for (int team = 1; team <= TEAMS; team++) {
            Stack stack = instanceStack(team);
            assertThat(stack.stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
            // The new key from the stack set, the account's own bucket and stage still from its overrides.
            assertThat(parameters(stack)).containsEntry("ArtifactKey", key(release2)).containsEntry("ArtifactBucket", bucket(team))
                    .containsEntry("Stage", name(team));
        }
        assertThat(lines.messages().stream().filter(l -> l.matches("Stack set orders-teams: \\w+ operation .* on .*")))
                .singleElement().asString()
                .startsWith("Stack set orders-teams: UpdateStackSet operation ")
                .endsWith(" on 20 instances (at most 10 accounts at once, failure tolerance 2)");
    }

    @Test
    void aReleaseStopsPerTheFailureToleranceWhenAnAccountLostItsExecutionRole() throws Exception {
        roll("{maxConcurrent: 20}");
        packageArtifact(2);
        cloud.removeStackSetRole(7);
        lines.clear();

        assertThatThrownBy(() -> roll("{maxConcurrent: 5, failureTolerance: 0, concurrencyMode: SOFT_FAILURE_TOLERANCE}"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessageStartingWith("Stack set orders-teams rollout to group teams failed in 1 of 20 accounts: team-07"
                        + " (900000000007, us-east-1): Account 900000000007 should have 'AWSCloudFormationStackSetExecutionRole'")
                .hasMessageMatching(".*; \\d+ not deployed \\((team-\\d\\d, )*team-20\\)\\. Fix the cause and run"
                        + " deploy-stack-set -Dstage=teams again\\.");
        // CloudFormation keeps at most five accounts going; once team-07 failed it starts no other.
        Map<String, String> status = lines.messages().stream().filter(l -> l.startsWith("  team-"))
                .collect(Collectors.toMap(l -> l.substring(2, 9), l -> l.substring(2).split("\\s+")[3]));
        assertThat(status).hasSize(TEAMS).containsEntry("team-01", "SUCCEEDED").containsEntry("team-07", "FAILED")
                .containsEntry("team-20", "CANCELLED");
        assertThat(status.values()).containsOnly("SUCCEEDED", "FAILED", "CANCELLED");
        long started = status.values().stream().filter(s -> !s.equals("CANCELLED")).count();
        // How many more the other four slots finish while team-07 fails is the cloud's timing (its own
        // tests hold deployments at gates to pin it down); here: the rollout stopped short of the end.
        assertThat(started).as("accounts started: up to team-07, not all").isBetween(7L, 19L);
        assertThat(lines.messages()).anySatisfy(l -> assertThat(l).matches("Stack set orders-teams: operation .* FAILED"));
        assertThat(lines.messages()).contains("  team-20  900000000020  us-east-1  CANCELLED  Cancelled since failure tolerance has exceeded");
    }

    @Test
    void aProtectedStageIsRefusedUnlessAllowedAndNothingIsWritten() {
        String prod = "  - {name: prod, accountId: \"900000000020\", region: us-east-1, protected: true}\n";
        String file = stagesFile("{}", prod, "prod").replace(", team-20]", "]").replace(", team-20, prod]", ", prod]");

        assertThatThrownBy(() -> roll(file, false, Set.of()))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Group 'teams' holds protected stage prod, which a stack set deploys only when explicitly allowed:"
                        + " set allowProtected: true in the group's stackSet block or run with"
                        + " -Dcrossdeploy.allowProtectedInStackSet=true; nothing was written.");
        assertNothingWritten();
    }

    @Test
    void aTemplateTooBigToPassInlineIsRefusedBeforeAnyWrite() throws Exception {
        Files.writeString(template, "# " + "padding ".repeat(Template.MAX_BODY_BYTES / 8) + "\n" + TEMPLATE);
        long size = Files.size(template);

        assertThatThrownBy(() -> roll("{}"))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Template template.yaml is " + size + " bytes, over the " + Template.MAX_BODY_BYTES
                        + " bytes deploy-stack-set passes inline; make it smaller or deploy the stages with deploy-stack.");
        assertNothingWritten();
    }

    @Test
    void aStageWhoseVerificationGateFailsIsRefusedBeforeAnyWrite() {
        String gated = stagesFile("{}", "").replace("{name: team-03, accountId: \"900000000003\", region: us-east-1}",
                "{name: team-03, accountId: \"900000000003\", region: us-east-1, requireVerifiedIn: team-01}");
        String sha;
        try {
            sha = Sha256.hexOf(build.resolve("orders-1.zip"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        assertThatThrownBy(() -> roll(gated, false, Set.of()))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Refused in 1 of 20 stages: team-03; nothing was written to any account. See the lines starting"
                        + " with [team-03] above, fix the cause or leave those stages out of -Dstage.");
        assertThat(lines.lines()).contains("ERROR [team-03] Refusing to deploy orders sha256 " + sha + " to team-03: it has not"
                + " passed the integration tests in team-01; no artifact of orders has passed there yet. Deploy and test this"
                + " artifact in team-01 first.");
        assertNothingWritten();
    }

    @Test
    void aProtectedStageAllowedInTheStackSetKeepsItsDataUnlessAllowReplaceNamesTheResource() throws Exception {
        String file = """
                stages:
                  - {name: team-01, accountId: "900000000001", region: us-east-1}
                  - {name: prod, accountId: "900000000002", region: us-east-1, protected: true}
                groups:
                  teams:
                    stages: [team-01, prod]
                    stackSet: {allowProtected: true, maxConcurrent: 2, failureTolerance: 1}
                """;
        Files.writeString(template, TEMPLATE + """
                  Logs:
                    Type: AWS::Logs::LogGroup
                    Properties: {LogGroupName: !Sub '/orders/${Stage}'}
                """);
        roll(file, false, Set.of());
        String release2 = packageArtifact(2);
        Files.writeString(template, TEMPLATE + """
                  Logs:
                    Type: AWS::Logs::LogGroup
                    Properties: {LogGroupName: !Sub '/orders/${Stage}/v2'}
                """);
        lines.clear();

        assertThatThrownBy(() -> roll(file, false, Set.of()))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("Refused: the update would replace or remove data-holding resources in protected stage prod (see"
                        + " the lines above); nothing was uploaded or changed. To allow it, run again with"
                        + " -Dcrossdeploy.allowReplace=Logs.");
        assertThat(lines.lines()).contains("ERROR [prod] Refused: in protected stage prod the change set would replace Logs"
                + " (AWS::Logs::LogGroup), losing its data; the change set was deleted. To allow it, run again with"
                + " -Dcrossdeploy.allowReplace=Logs");
        Stack prod = instanceStack(2);
        assertThat(prod.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        try (CloudFormationClient cfn = cloud.cloudFormation(name(2)); var s3 = cloud.s3(name(2))) {
            assertThat(cfn.listChangeSets(b -> b.stackName(prod.stackId())).summaries()).as("the preview is deleted").isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket(2))).contents()).noneMatch(o -> o.key().equals(key(release2)));
        }

        lines.clear();
        roll(file, false, Set.of("Logs"));
        assertThat(instanceStack(2).stackStatusAsString()).isEqualTo("UPDATE_COMPLETE");
        assertThat(parameters(instanceStack(2))).containsEntry("ArtifactKey", key(release2));
        assertThat(lines.lines()).contains("WARN [prod] Replacement guard: the update replaces or removes Logs, allowed by"
                + " crossdeploy.allowReplace");
        // Only protected stages are previewed, as deploy-stack guards only them.
        assertThat(lines.messageText()).doesNotContain("[team-01] Replacement guard");
    }

    @Test
    void aStageParameterEditedLaterReachesOnlyThatInstanceThroughItsOverrides() throws Exception {
        Files.writeString(template, TEMPLATE.replace("  Stage: {Type: String}\n", "  Stage: {Type: String}\n  Greeting: {Type: String, Default: hello}\n"));
        String file = """
                stages:
                  - {name: team-01, accountId: "900000000001", region: us-east-1, parameters: {Greeting: hi}}
                  - {name: team-02, accountId: "900000000002", region: us-east-1}
                  - {name: team-03, accountId: "900000000003", region: us-east-1}
                groups:
                  teams: {stages: [team-01, team-02, team-03], stackSet: {maxConcurrent: 3}}
                """;
        roll(file, false, Set.of());
        assertThat(parameters(instanceStack(1))).containsEntry("Greeting", "hi");
        assertThat(parameters(instanceStack(2))).as("the template's Default, not another stage's value").containsEntry("Greeting", "hello");
        lines.clear();

        roll(file.replace("{Greeting: hi}", "{Greeting: bonjour}"), false, Set.of());

        assertThat(parameters(instanceStack(1))).containsEntry("Greeting", "bonjour").containsEntry("ArtifactBucket", bucket(1));
        assertThat(parameters(instanceStack(2))).containsEntry("Greeting", "hello").containsEntry("ArtifactBucket", bucket(2));
        assertThat(lines.messages()).filteredOn(l -> l.matches("Stack set orders-teams: \\w+.* operation .* on .*"))
                .satisfiesExactly(
                        l -> assertThat(l).contains(": UpdateStackSet operation ").contains(" on 3 instances "),
                        l -> assertThat(l).contains(": UpdateStackInstances (new overrides) operation ").contains(" on 1 instance "));
    }

    private static void assertNothingWritten() {
        try (CloudFormationClient cfn = cloud.cloudFormation("pipeline")) {
            assertThatThrownBy(() -> cfn.describeStackSet(b -> b.stackSetName("orders-teams")))
                    .isInstanceOf(StackSetNotFoundException.class);
        }
        for (int team = 1; team <= TEAMS; team++) {
            int t = team;
            try (var s3 = cloud.s3(name(team))) {
                assertThat(s3.listObjectsV2(b -> b.bucket(bucket(t))).contents()).as(name(t) + "'s bucket").isEmpty();
            }
        }
    }
}
