package dev.crossdeploy.localcloud.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.support.AwsCli;
import dev.crossdeploy.localcloud.support.AwsCli.Result;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Policies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's AWS CLI as an independent client: if the CLI (botocore, not the Java SDK) accepts
 * the local cloud's signatures, shapes and texts, the cloud does not merely agree with itself.
 * Needs {@code /usr/bin/aws} from the Debian package {@code awscli}, which .ci/run installs.
 */
class AwsCliSmokeTest {

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void cliIsInstalled() {
        AwsCli.assertInstalled();
    }

    private Result aws(Map<String, String> credentials, String... args) throws IOException, InterruptedException {
        return new AwsCli(cloud.cloud().endpoint(), dir).config("s3 =\n  addressing_style = path\n").run(credentials, args);
    }

    private Map<String, String> root(String account) { return AwsCli.rootOf(cloud.cloud(), account); }

    @Test
    void assumeRoleThenS3ThenCloudFormationCreateUpdateAndNoChange() throws Exception {
        cloud.as("staging").iam().createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(Policies.trustAccount("111111111111")));
        cloud.as("staging").iam().putRolePolicy(r -> r.roleName("deployer").policyName("all").policyDocument(Policies.allow("*", "*")));

        Result assumed = aws(root("pipeline"), "sts", "assume-role",
                "--role-arn", "arn:aws:iam::222222222222:role/deployer", "--role-session-name", "cli");
        assertThat(assumed.exit()).as(assumed.err()).isZero();
        JsonNode c = assumed.json().get("Credentials");
        Map<String, String> session = new HashMap<>(Map.of(
                "AWS_ACCESS_KEY_ID", c.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", c.get("SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", c.get("SessionToken").asText()));
        Result who = aws(session, "sts", "get-caller-identity");
        assertThat(who.json().get("Arn").asText()).isEqualTo("arn:aws:sts::222222222222:assumed-role/deployer/cli");

        assertThat(aws(session, "s3", "mb", "s3://cli-bucket").exit()).isZero();
        Path file = dir.resolve("hello.txt");
        Files.writeString(file, "hello from the cli");
        Result put = aws(session, "s3", "cp", file.toString(), "s3://cli-bucket/greetings/hello.txt");
        assertThat(put.exit()).as(put.err()).isZero();
        Result get = aws(session, "s3", "cp", "s3://cli-bucket/greetings/hello.txt", dir.resolve("back.txt").toString());
        assertThat(get.exit()).as(get.err()).isZero();
        assertThat(Files.readString(dir.resolve("back.txt"))).isEqualTo("hello from the cli");
        assertThat(aws(session, "s3", "ls", "s3://cli-bucket/greetings/").out()).contains("hello.txt");
        // Unpaginated, the CLI shows the page as S3 answered it (its paginator keeps only the lists).
        Result listed = aws(session, "s3api", "list-objects-v2", "--bucket", "cli-bucket", "--delimiter", "/", "--no-paginate");
        assertThat(listed.json().get("KeyCount").asInt()).as(listed.out()).isEqualTo(1);
        assertThat(listed.json().get("CommonPrefixes").get(0).get("Prefix").asText()).isEqualTo("greetings/");

        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Resources:
                  Name:
                    Type: AWS::SSM::Parameter
                    Properties:
                      Type: String
                      Value: first
                Outputs:
                  ParameterName:
                    Value: !Ref Name
                """, StandardCharsets.UTF_8);
        Result create = aws(session, "cloudformation", "deploy", "--stack-name", "cli-stack", "--template-file", template.toString());
        assertThat(create.exit()).as(create.out() + create.err()).isZero();
        assertThat(stackStatus(session)).isEqualTo("CREATE_COMPLETE");

        Files.writeString(template, Files.readString(template).replace("first", "second"));
        Result update = aws(session, "cloudformation", "deploy", "--stack-name", "cli-stack", "--template-file", template.toString());
        assertThat(update.exit()).as(update.out() + update.err()).isZero();
        assertThat(stackStatus(session)).isEqualTo("UPDATE_COMPLETE");

        // The CLI recognises an empty change set only by CloudFormation's exact reason text.
        Result same = aws(session, "cloudformation", "deploy", "--stack-name", "cli-stack", "--template-file", template.toString(),
                "--no-fail-on-empty-changeset");
        assertThat(same.exit()).as(same.out() + same.err()).isZero();
        assertThat(same.out() + same.err()).contains("No changes to deploy");
    }

    private String stackStatus(Map<String, String> session) throws Exception {
        Result r = aws(session, "cloudformation", "describe-stacks", "--stack-name", "cli-stack");
        return r.json().get("Stacks").get(0).get("StackStatus").asText();
    }
}
