package dev.crossdeploy.localcloud.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.codecommit.CodeCommitUrls;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.GitCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's AWS CLI against the CodeCommit API: create, describe, list and delete repositories,
 * read a branch git pushed, and AWS's error for a repository that does not exist.
 */
class AwsCliCodeCommitTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void cliIsInstalled() {
        assertThat(AWS).as("Debian's AWS CLI is missing: run 'apt-get install awscli' (CI does it in .ci/run)").isExecutable();
    }

    private Map<String, String> root() {
        var a = cloud.cloud().account("pipeline");
        return Map.of("AWS_ACCESS_KEY_ID", a.accessKeyId(), "AWS_SECRET_ACCESS_KEY", a.secretAccessKey());
    }

    private Result aws(String... args) throws IOException, InterruptedException {
        Path config = dir.resolve("config");
        Files.writeString(config, "[default]\nregion = us-east-1\noutput = json\n");
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", cloud.cloud().endpoint().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        env.put("AWS_PAGER", "");
        env.putAll(root());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("aws " + String.join(" ", args) + " finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException { return JSON.readTree(out); }
    }

    @Test
    void createGetListPushReadBranchAndDelete() throws Exception {
        Result created = aws("codecommit", "create-repository", "--repository-name", "cli-repo",
                "--repository-description", "made by the CLI");
        assertThat(created.exit()).as(created.err()).isZero();
        JsonNode meta = created.json().get("repositoryMetadata");
        assertThat(meta.get("Arn").asText()).isEqualTo("arn:aws:codecommit:us-east-1:111111111111:cli-repo");
        assertThat(meta.get("cloneUrlHttp").asText()).isEqualTo("https://git-codecommit.us-east-1.amazonaws.com/v1/repos/cli-repo");

        Result got = aws("codecommit", "get-repository", "--repository-name", "cli-repo");
        assertThat(got.exit()).as(got.err()).isZero();
        assertThat(got.json().at("/repositoryMetadata/repositoryDescription").asText()).isEqualTo("made by the CLI");
        assertThat(got.json().at("/repositoryMetadata/repositoryId").asText()).isEqualTo(meta.get("repositoryId").asText());
        assertThat(got.json().at("/repositoryMetadata/accountId").asText()).isEqualTo("111111111111");
        assertThat(aws("codecommit", "list-repositories").json().at("/repositories/0/repositoryName").asText()).isEqualTo("cli-repo");

        GitCli git = new GitCli(dir.resolve("home"), root());
        String commit = git.commit(dir.resolve("work"), "a.txt", "a\n");
        git.ok(dir.resolve("work"), "push", "-q", CodeCommitUrls.local(meta.get("cloneUrlHttp").asText(), cloud.cloud().endpoint()), "master");
        Result branch = aws("codecommit", "get-branch", "--repository-name", "cli-repo", "--branch-name", "master");
        assertThat(branch.exit()).as(branch.err()).isZero();
        assertThat(branch.json().at("/branch/commitId").asText()).isEqualTo(commit);
        assertThat(aws("codecommit", "list-branches", "--repository-name", "cli-repo").json().get("branches").get(0).asText())
                .isEqualTo("master");

        Result deleted = aws("codecommit", "delete-repository", "--repository-name", "cli-repo");
        assertThat(deleted.json().get("repositoryId").asText()).isEqualTo(meta.get("repositoryId").asText());
        Result missing = aws("codecommit", "get-repository", "--repository-name", "cli-repo");
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err()).contains("An error occurred (RepositoryDoesNotExistException) when calling the GetRepository operation: cli-repo does not exist");
    }
}
