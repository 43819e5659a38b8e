package dev.crossdeploy.localcloud.awscli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.support.AwsCli;
import dev.crossdeploy.localcloud.support.AwsCli.Result;
import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift as a person sees it with Debian's AWS CLI: a function reconfigured with
 * {@code aws lambda update-function-configuration}, then {@code detect-stack-drift},
 * {@code describe-stack-resource-drifts} and the stack's DriftInformation.
 */
class AwsCliDriftTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    private static final String TEMPLATE = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: cli-drift-fn
                  Runtime: java21
                  Handler: app.Handler::handleRequest
                  Role: !GetAtt Role.Arn
                  Timeout: 10
                  Code: {ZipFile: "not run here"}
            """;

    @BeforeAll
    static void cliIsInstalled() {
        AwsCli.assertInstalled();
    }

    private Result aws(String... args) throws IOException, InterruptedException {
        Result r = new AwsCli(cloud.cloud().endpoint(), dir).run(AwsCli.rootOf(cloud.cloud(), "staging"), args);
        assertThat(r.exit()).as(r.err()).isZero();
        return r;
    }

    private JsonNode json(String... args) {
        try {
            return aws(args).json();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFunctionReconfiguredWithTheCliIsReportedByTheCliAsDrifted() throws Exception {
        Stacks.create(cloud.as("staging").cloudFormation(), "cli-svc", TEMPLATE);
        aws("lambda", "update-function-configuration", "--function-name", "cli-drift-fn", "--timeout", "60");

        String id = json("cloudformation", "detect-stack-drift", "--stack-name", "cli-svc").get("StackDriftDetectionId").asText();
        JsonNode status = Stacks.await(() -> json("cloudformation", "describe-stack-drift-detection-status",
                "--stack-drift-detection-id", id), s -> !s.get("DetectionStatus").asText().equals("DETECTION_IN_PROGRESS"), "detection " + id);
        assertThat(status.get("StackDriftStatus").asText()).isEqualTo("DRIFTED");

        JsonNode drifts = json("cloudformation", "describe-stack-resource-drifts", "--stack-name", "cli-svc",
                "--stack-resource-drift-status-filters", "MODIFIED").get("StackResourceDrifts");
        List<String> lines = new ArrayList<>();
        for (JsonNode d : drifts) {
            for (JsonNode p : d.get("PropertyDifferences")) {
                lines.add(d.get("LogicalResourceId").asText() + " " + p.get("PropertyPath").asText() + " "
                        + p.get("ExpectedValue").asText() + " -> " + p.get("ActualValue").asText() + " " + p.get("DifferenceType").asText());
            }
        }
        assertThat(lines).containsExactly("Fn /Timeout 10 -> 60 NOT_EQUAL");
        JsonNode info = json("cloudformation", "describe-stacks", "--stack-name", "cli-svc").get("Stacks").get(0).get("DriftInformation");
        assertThat(info.get("StackDriftStatus").asText()).isEqualTo("DRIFTED");
        assertThat(info.has("LastCheckTimestamp")).isTrue();
        JsonNode resource = json("cloudformation", "describe-stack-resource", "--stack-name", "cli-svc", "--logical-resource-id", "Fn")
                .get("StackResourceDetail").get("DriftInformation");
        assertThat(resource.get("StackResourceDriftStatus").asText()).isEqualTo("MODIFIED");
    }
}
