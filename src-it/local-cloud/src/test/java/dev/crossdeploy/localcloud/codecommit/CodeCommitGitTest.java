package dev.crossdeploy.localcloud.codecommit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.events.EventsModule;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.GitCli;
import dev.crossdeploy.localcloud.support.Policies;
import dev.crossdeploy.localcloud.support.RawRequests;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CodeCommit repositories as real git remotes: the git binary pushes and clones through the
 * AWS CLI's credential helper, IAM decides GitPull and GitPush, accounts see only their own
 * repositories, and a push tells EventBridge.
 */
class CodeCommitGitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = """
            Resources:
              Repository:
                Type: AWS::CodeCommit::Repository
                DeletionPolicy: Retain
                Properties:
                  RepositoryName: service-repo
                  RepositoryDescription: The service
            Outputs:
              CloneUrl:
                Value: !GetAtt Repository.CloneUrlHttp
            """;

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    private Map<String, String> root(String account) {
        var a = cloud.cloud().account(account);
        return Map.of("AWS_ACCESS_KEY_ID", a.accessKeyId(), "AWS_SECRET_ACCESS_KEY", a.secretAccessKey());
    }

    private String deployRepository() {
        Stack stack = Stacks.create(cloud.as("pipeline").cloudFormation(), "repo", TEMPLATE);
        String cloneUrl = Stacks.output(stack, "CloneUrl");
        assertThat(cloneUrl).isEqualTo("https://git-codecommit.us-east-1.amazonaws.com/v1/repos/service-repo");
        return CodeCommitUrls.local(cloneUrl, cloud.cloud().endpoint());
    }

    private JsonNode codeCommit(String account, String operation, String body) throws Exception {
        var a = cloud.cloud().account(account);
        HttpResponse<String> r = new RawRequests(cloud.cloud().endpoint()).signedJson("codecommit",
                "CodeCommit_20150413." + operation, a.accessKeyId(), a.secretAccessKey(), body);
        JsonNode json = JSON.readTree(r.body());
        return r.statusCode() == 200 ? json : JSON.createObjectNode().put("status", r.statusCode()).set("error", json);
    }

    @Test
    void pushThenCloneGivesWhatWasPushedAndGetBranchShowsTheCommit() throws Exception {
        String url = deployRepository();
        assertThat(url).isEqualTo(cloud.cloud().endpoint() + "/v1/repos/service-repo");
        GitCli git = new GitCli(dir.resolve("home"), root("pipeline"));
        String commit = git.commit(dir.resolve("work"), "README.md", "hello from git\n");
        git.ok(dir.resolve("work"), "push", "-q", url, "master");

        git.ok(dir, "clone", "-q", url, "copy");
        assertThat(Files.readString(dir.resolve("copy/README.md"))).isEqualTo("hello from git\n");
        assertThat(git.ok(dir.resolve("copy"), "rev-parse", "HEAD").trim()).isEqualTo(commit);

        JsonNode branch = codeCommit("pipeline", "GetBranch", "{\"repositoryName\":\"service-repo\",\"branchName\":\"master\"}");
        assertThat(branch.at("/branch/commitId").asText()).isEqualTo(commit);
        JsonNode repo = codeCommit("pipeline", "GetRepository", "{\"repositoryName\":\"service-repo\"}");
        assertThat(repo.at("/repositoryMetadata/defaultBranch").asText()).isEqualTo("master");
        JsonNode missing = codeCommit("pipeline", "GetBranch", "{\"repositoryName\":\"service-repo\",\"branchName\":\"develop\"}");
        assertThat(missing.at("/error/__type").asText()).isEqualTo("BranchDoesNotExistException");

        // A second push updates the branch: its event carries the old and the new commit.
        String second = git.commit(dir.resolve("work"), "README.md", "second\n");
        git.ok(dir.resolve("work"), "push", "-q", url, "master");
        git.ok(dir.resolve("copy"), "pull", "-q", url, "master");
        assertThat(Files.readString(dir.resolve("copy/README.md"))).isEqualTo("second\n");

        var events = cloud.cloud().state().module(EventsModule.class).recentEvents();
        assertThat(events).hasSize(2);
        JsonNode created = events.get(0);
        assertThat(created.get("source").asText()).isEqualTo("aws.codecommit");
        assertThat(created.get("detail-type").asText()).isEqualTo("CodeCommit Repository State Change");
        assertThat(created.get("account").asText()).isEqualTo("111111111111");
        assertThat(created.get("resources").get(0).asText()).isEqualTo("arn:aws:codecommit:us-east-1:111111111111:service-repo");
        JsonNode detail = created.get("detail");
        assertThat(detail.get("event").asText()).isEqualTo("referenceCreated");
        assertThat(detail.get("referenceType").asText()).isEqualTo("branch");
        assertThat(detail.get("referenceName").asText()).isEqualTo("master");
        assertThat(detail.get("referenceFullName").asText()).isEqualTo("refs/heads/master");
        assertThat(detail.get("repositoryName").asText()).isEqualTo("service-repo");
        assertThat(detail.get("repositoryId").asText()).isEqualTo(repo.at("/repositoryMetadata/repositoryId").asText());
        assertThat(detail.get("commitId").asText()).isEqualTo(commit);
        assertThat(detail.has("oldCommitId")).isFalse();
        JsonNode updated = events.get(1).get("detail");
        assertThat(updated.get("event").asText()).isEqualTo("referenceUpdated");
        assertThat(updated.get("commitId").asText()).isEqualTo(second);
        assertThat(updated.get("oldCommitId").asText()).isEqualTo(commit);

        // Retained: deleting the stack keeps the repository and what was pushed.
        var cfn = cloud.as("pipeline").cloudFormation();
        cfn.deleteStack(r -> r.stackName("repo"));
        Stacks.await(() -> cfn.listStacks().stackSummaries().stream()
                .anyMatch(s -> s.stackName().equals("repo") && s.stackStatusAsString().equals("DELETE_COMPLETE")), "stack deleted");
        assertThat(codeCommit("pipeline", "GetBranch", "{\"repositoryName\":\"service-repo\",\"branchName\":\"master\"}")
                .at("/branch/commitId").asText()).isEqualTo(second);
    }

    @Test
    void largePushesTagsAndDeletedBranchesAreServedAndTold() throws Exception {
        String url = deployRepository();
        GitCli git = new GitCli(dir.resolve("home"), root("pipeline"));
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        // Larger than git's 1 MiB post buffer: sent chunked.
        byte[] big = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(big);
        Files.write(work.resolve("big.bin"), big);
        git.ok(work, "init", "-q");
        git.ok(work, "add", "big.bin");
        String commit = git.commit(work, "small.txt", "small\n");
        git.ok(work, "push", "-q", url, "master", "master:feature");
        git.ok(work, "tag", "v1");
        git.ok(work, "push", "-q", url, "v1", ":feature");

        git.ok(dir, "clone", "-q", url, "copy");
        assertThat(Files.readAllBytes(dir.resolve("copy/big.bin"))).isEqualTo(big);
        var events = cloud.cloud().state().module(EventsModule.class).recentEvents();
        assertThat(events).extracting(e -> e.at("/detail/event").asText() + " " + e.at("/detail/referenceType").asText()
                        + " " + e.at("/detail/referenceName").asText())
                .containsExactlyInAnyOrder("referenceCreated branch master", "referenceCreated branch feature",
                        "referenceCreated tag v1", "referenceDeleted branch feature");
        JsonNode deleted = events.stream().filter(e -> e.at("/detail/event").asText().equals("referenceDeleted")).findFirst().orElseThrow();
        assertThat(deleted.at("/detail/oldCommitId").asText()).isEqualTo(commit);
    }

    @Test
    void aRoleWithoutGitPushMayCloneButNotPush() throws Exception {
        String url = deployRepository();
        GitCli owner = new GitCli(dir.resolve("owner"), root("pipeline"));
        owner.commit(dir.resolve("work"), "a.txt", "a\n");
        owner.ok(dir.resolve("work"), "push", "-q", url, "master");

        var iam = cloud.as("pipeline").iam();
        iam.createRole(r -> r.roleName("reader").assumeRolePolicyDocument(Policies.trustAccount("111111111111")));
        iam.putRolePolicy(r -> r.roleName("reader").policyName("pull").policyDocument(
                Policies.allow("codecommit:GitPull", "arn:aws:codecommit:us-east-1:111111111111:service-repo")));
        var c = cloud.as("pipeline").sts().assumeRole(r -> r.roleArn("arn:aws:iam::111111111111:role/reader")
                .roleSessionName("reader")).credentials();
        GitCli reader = new GitCli(dir.resolve("reader"), Map.of("AWS_ACCESS_KEY_ID", c.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", c.secretAccessKey(), "AWS_SESSION_TOKEN", c.sessionToken()));

        reader.ok(dir, "clone", "-q", url, "copy");
        assertThat(Files.readString(dir.resolve("copy/a.txt"))).isEqualTo("a\n");
        Files.writeString(dir.resolve("copy/a.txt"), "changed\n");
        reader.ok(dir.resolve("copy"), "commit", "-qam", "change");
        GitCli.Result push = reader.run(dir.resolve("copy"), "push", "-q", url, "master");
        assertThat(push.exit()).isNotZero();
        assertThat(push.out()).contains("403");
    }

    @Test
    void anotherAccountDoesNotSeeTheRepository() throws Exception {
        String url = deployRepository();
        GitCli staging = new GitCli(dir.resolve("staging"), root("staging"));
        GitCli.Result clone = staging.run(dir, "clone", "-q", url, "copy");
        assertThat(clone.exit()).isNotZero();
        assertThat(clone.out()).contains("not found");
        assertThat(codeCommit("staging", "GetRepository", "{\"repositoryName\":\"service-repo\"}").at("/error/message").asText())
                .isEqualTo("service-repo does not exist");
    }

    @Test
    void aRequestForAwsHostIsServedInTheRegionTheHostNames() throws Exception {
        deployRepository();
        // The credential helper signs for AWS's host; the request carries that Host header.
        String host = "git-codecommit.us-east-1.amazonaws.com";
        var a = cloud.cloud().account("pipeline");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/aws", "codecommit", "credential-helper", "get").redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(root("pipeline"));
        pb.environment().put("AWS_CONFIG_FILE", dir.resolve("none").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        Process helper = pb.start();
        helper.getOutputStream().write(("protocol=https\nhost=" + host + "\npath=v1/repos/service-repo\n\n").getBytes());
        helper.getOutputStream().close();
        String creds = new String(helper.getInputStream().readAllBytes());
        assertThat(helper.waitFor()).as(creds).isZero();
        String user = creds.lines().filter(l -> l.startsWith("username=")).findFirst().orElseThrow().substring(9);
        String password = creds.lines().filter(l -> l.startsWith("password=")).findFirst().orElseThrow().substring(9);
        assertThat(user).isEqualTo(a.accessKeyId());

        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{content_type}",
                "-H", "Host: " + host, "-u", user + ":" + password,
                cloud.cloud().endpoint() + "/v1/repos/service-repo/info/refs?service=git-upload-pack").start();
        String answer = new String(curl.getInputStream().readAllBytes());
        assertThat(curl.waitFor()).isZero();
        assertThat(answer).isEqualTo("200 application/x-git-upload-pack-advertisement");
    }

    @Test
    void deleteRepositoryRemovesAStacksRepositoryAndTheStackStillDeletes() throws Exception {
        deployRepository();
        JsonNode deleted = codeCommit("pipeline", "DeleteRepository", "{\"repositoryName\":\"service-repo\"}");
        assertThat(deleted.get("repositoryId").asText()).isNotBlank();
        assertThat(codeCommit("pipeline", "GetRepository", "{\"repositoryName\":\"service-repo\"}").at("/error/__type").asText())
                .isEqualTo("RepositoryDoesNotExistException");
        // Deleting what no longer exists answers without a repository id, as AWS does.
        assertThat(codeCommit("pipeline", "DeleteRepository", "{\"repositoryName\":\"service-repo\"}").has("repositoryId")).isFalse();

        var cfn = cloud.as("pipeline").cloudFormation();
        cfn.deleteStack(r -> r.stackName("repo"));
        Stacks.await(() -> cfn.listStacks().stackSummaries().stream()
                .anyMatch(s -> s.stackName().equals("repo") && s.stackStatusAsString().equals("DELETE_COMPLETE")), "stack deleted");
    }

    @Test
    void gitWithoutCredentialsIsAskedForThem() throws Exception {
        deployRepository();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.cloud().endpoint() + "/v1/repos/service-repo/info/refs?service=git-upload-pack")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

}
