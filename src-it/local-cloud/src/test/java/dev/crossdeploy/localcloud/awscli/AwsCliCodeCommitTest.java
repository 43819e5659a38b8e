package dev.crossdeploy.localcloud.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.codecommit.CodeCommitUrls;
import dev.crossdeploy.localcloud.support.AwsCli;
import dev.crossdeploy.localcloud.support.AwsCli.Result;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.GitCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's AWS CLI against the CodeCommit API: create, describe, list and delete repositories,
 * read a branch git pushed, and AWS's error for a repository that does not exist.
 */
class AwsCliCodeCommitTest {

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void cliIsInstalled() {
        AwsCli.assertInstalled();
    }

    private Map<String, String> root() { return AwsCli.rootOf(cloud.cloud(), "pipeline"); }

    private Result aws(String... args) throws IOException, InterruptedException {
        return new AwsCli(cloud.cloud().endpoint(), dir).run(root(), args);
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
