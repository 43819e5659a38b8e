package dev.crossdeploy.localcloud.codebuild;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.logs.LogsModule;
import dev.crossdeploy.localcloud.support.AwsCli;
import dev.crossdeploy.localcloud.support.AwsCli.Result;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Policies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CodeBuild API through Debian's AWS CLI (botocore): StartBuild with overrides,
 * BatchGetBuilds' shape, ListBuildsForProject, StopBuild, and CodeBuild's errors word for word.
 */
class CodeBuildApiTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    private String account;

    @BeforeAll
    static void cliIsInstalled() {
        AwsCli.assertInstalled();
    }

    @BeforeEach
    void deployProjects() {
        BuildProjects.deploy(cloud);
        account = BuildProjects.account(cloud);
    }

    private Map<String, String> root() { return AwsCli.rootOf(cloud.cloud(), BuildProjects.PIPELINE); }

    private Result aws(Map<String, String> credentials, String... args) throws IOException, InterruptedException {
        return new AwsCli(cloud.cloud().endpoint(), dir).env("AWS_MAX_ATTEMPTS", "1").timeout(Duration.ofSeconds(60))
                .run(credentials, args);
    }

    private Build awaitBuild(String id) throws Exception {
        return BuildProjects.codeBuild(cloud).build(account, "us-east-1", id).orElseThrow().awaitCompletion(BOUND);
    }

    @Test
    void startBuildRunsTheProjectWithOverridesAndBatchGetBuildsDescribesIt() throws Exception {
        Result started = aws(root(), "codebuild", "start-build", "--project-name", "inline",
                "--environment-variables-override", "name=GREETING,value=bonjour,type=PLAINTEXT");
        assertThat(started.exit()).as(started.err()).isZero();
        JsonNode build = started.json().get("build");
        String id = build.get("id").asText();
        assertThat(id).startsWith("inline:");
        assertThat(build.get("arn").asText()).isEqualTo("arn:aws:codebuild:us-east-1:" + account + ":build/" + id);
        assertThat(build.get("buildNumber").asLong()).isEqualTo(1);
        assertThat(build.get("initiator").asText()).isEqualTo("root");
        Build finished = awaitBuild(id);
        assertThat(finished.logLines()).contains("greeting is bonjour");

        Result got = aws(root(), "codebuild", "batch-get-builds", "--ids", id, "inline:00000000-0000-0000-0000-000000000000");
        assertThat(got.exit()).as(got.err()).isZero();
        JsonNode b = got.json().get("builds").get(0);
        assertThat(got.json().get("buildsNotFound").get(0).asText()).isEqualTo("inline:00000000-0000-0000-0000-000000000000");
        assertThat(b.get("buildStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(b.get("currentPhase").asText()).isEqualTo("COMPLETED");
        assertThat(b.get("buildComplete").asBoolean()).isTrue();
        List<String> phases = new ArrayList<>();
        b.get("phases").forEach(p -> phases.add(p.get("phaseType").asText() + ":" + p.path("phaseStatus").asText("-")));
        assertThat(phases).containsExactly("SUBMITTED:SUCCEEDED", "QUEUED:SUCCEEDED", "PROVISIONING:SUCCEEDED",
                "DOWNLOAD_SOURCE:SUCCEEDED", "INSTALL:SUCCEEDED", "PRE_BUILD:SUCCEEDED", "BUILD:SUCCEEDED",
                "POST_BUILD:SUCCEEDED", "UPLOAD_ARTIFACTS:SUCCEEDED", "FINALIZING:SUCCEEDED", "COMPLETED:-");
        assertThat(b.get("phases").get(6).get("contexts").get(0).get("statusCode").asText()).isEmpty();
        assertThat(b.get("source").get("type").asText()).isEqualTo("NO_SOURCE");
        assertThat(b.get("environment").get("image").asText()).isEqualTo("aws/codebuild/amazonlinux2-x86_64-standard:5.0");
        assertThat(b.get("environment").get("environmentVariables").get(0).get("value").asText()).isEqualTo("bonjour");
        assertThat(b.get("serviceRole").asText()).isEqualTo("arn:aws:iam::" + account + ":role/app-codebuild");
        String uuid = id.substring("inline:".length());
        assertThat(b.get("logs").get("groupName").asText()).isEqualTo("/aws/codebuild/inline");
        assertThat(b.get("logs").get("streamName").asText()).isEqualTo(uuid);
        assertThat(b.get("logs").get("cloudWatchLogsArn").asText()).isEqualTo("arn:aws:logs:us-east-1:" + account
                + ":log-group:/aws/codebuild/inline:log-stream:" + uuid);
        assertThat(b.get("timeoutInMinutes").asInt()).isEqualTo(60);
        // No LogsConfig: CodeBuild creates /aws/codebuild/<project> and writes there.
        assertThat(cloud.cloud().state().module(LogsModule.class).store()
                .group(account, "us-east-1", "/aws/codebuild/inline").orElseThrow().events(uuid))
                .anySatisfy(e -> assertThat(e.message()).isEqualTo("greeting is bonjour"));
    }

    @Test
    void listBuildsForProjectIsNewestFirstAndStopBuildStopsARunningBuild() throws Exception {
        String first = aws(root(), "codebuild", "start-build", "--project-name", "inline").json().get("build").get("id").asText();
        awaitBuild(first);
        Result second = aws(root(), "codebuild", "start-build", "--project-name", "inline", "--buildspec-override",
                "version: 0.2\nphases:\n  build:\n    commands:\n      - sleep 60\n");
        String id = second.json().get("build").get("id").asText();

        Result listed = aws(root(), "codebuild", "list-builds-for-project", "--project-name", "inline");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.json().get("ids")).extracting(JsonNode::asText).containsExactly(id, first);
        Result ascending = aws(root(), "codebuild", "list-builds-for-project", "--project-name", "inline",
                "--sort-order", "ASCENDING");
        assertThat(ascending.json().get("ids")).extracting(JsonNode::asText).containsExactly(first, id);

        Build running = BuildProjects.codeBuild(cloud).build(account, "us-east-1", id).orElseThrow();
        java.time.Instant deadline = java.time.Instant.now().plus(BOUND);
        while (!running.currentPhase().equals("BUILD") && java.time.Instant.now().isBefore(deadline)) BuildProjects.pause();
        Result stopped = aws(root(), "codebuild", "stop-build", "--id", id);
        assertThat(stopped.exit()).as(stopped.err()).isZero();
        Build build = awaitBuild(id);
        assertThat(build.status()).isEqualTo("STOPPED");
        assertThat(build.phase("BUILD").orElseThrow().status()).isEqualTo("STOPPED");
        assertThat(build.phase("POST_BUILD")).isEmpty();
    }

    @Test
    void errorsAreCodeBuildsOwn() throws Exception {
        Result missing = aws(root(), "codebuild", "start-build", "--project-name", "nope");
        assertThat(missing.err()).contains("An error occurred (ResourceNotFoundException) when calling the StartBuild operation")
                .contains("): Project cannot be found: arn:aws:codebuild:us-east-1:" + account + ":project/nope");

        Result pipelineSource = aws(root(), "codebuild", "start-build", "--project-name", "app-build");
        assertThat(pipelineSource.err()).contains("An error occurred (InvalidInputException) when calling the StartBuild operation");

        Result empty = aws(root(), "codebuild", "list-builds-for-project", "--project-name", "nope");
        assertThat(empty.err()).contains("(ResourceNotFoundException) when calling the ListBuildsForProject operation")
                .contains("): Project cannot be found: arn:aws:codebuild:us-east-1:" + account + ":project/nope");

        cloud.as(BuildProjects.PIPELINE).iam().createRole(r -> r.roleName("reader")
                .assumeRolePolicyDocument(Policies.trustAccount(account)));
        cloud.as(BuildProjects.PIPELINE).iam().putRolePolicy(r -> r.roleName("reader").policyName("read")
                .policyDocument(Policies.allow("codebuild:BatchGetBuilds", "*")));
        var c = cloud.as(BuildProjects.PIPELINE).sts().assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/reader")
                .roleSessionName("cli")).credentials();
        Map<String, String> reader = Map.of("AWS_ACCESS_KEY_ID", c.accessKeyId(), "AWS_SECRET_ACCESS_KEY", c.secretAccessKey(),
                "AWS_SESSION_TOKEN", c.sessionToken());
        Result denied = aws(reader, "codebuild", "start-build", "--project-name", "inline");
        assertThat(denied.err()).contains("An error occurred (AccessDeniedException) when calling the StartBuild operation")
                .contains("): User: arn:aws:sts::" + account + ":assumed-role/reader/cli is not authorized to perform: codebuild:StartBuild"
                + " on resource: arn:aws:codebuild:us-east-1:" + account + ":project/inline because no identity-based policy"
                + " allows the codebuild:StartBuild action");
        assertThat(BuildProjects.codeBuild(cloud).builds(account, "us-east-1", "inline")).isEmpty();
    }
}
