package dev.crossdeploy.localcloud.cloudformation.stacksets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.support.AwsCli;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's AWS CLI (botocore, not the Java SDK) drives a stack set rollout and reads its results. */
class StackSetCliTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;

    @BeforeAll
    static void cliIsInstalled() {
        AwsCli.assertInstalled();
    }

    @Test
    void createStackSetThenInstancesThenOperationResults() throws Exception {
        new StackSetWorld(cloud).administrationRole().executionRole(StackSetWorld.STAGING);
        AwsCli cli = new AwsCli(cloud.cloud().endpoint(), dir);
        Map<String, String> admin = AwsCli.rootOf(cloud.cloud(), "pipeline");

        AwsCli.Result created = cli.run(admin, "cloudformation", "create-stack-set", "--stack-set-name", "baseline",
                "--template-body", StackSetRolloutTest.TEMPLATE);
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.json().get("StackSetId").asText()).startsWith("baseline:");

        AwsCli.Result instances = cli.run(admin, "cloudformation", "create-stack-instances", "--stack-set-name", "baseline",
                "--accounts", StackSetWorld.STAGING, "900000000001", "--regions", "us-east-1",
                "--operation-preferences", "FailureToleranceCount=1,MaxConcurrentCount=2");
        assertThat(instances.exit()).as(instances.err()).isZero();
        String op = instances.json().get("OperationId").asText();
        // Polling through the SDK: a CLI process per poll would only be slower.
        new StackSetWorld(cloud).await("baseline", op);

        AwsCli.Result described = cli.run(admin, "cloudformation", "describe-stack-set-operation",
                "--stack-set-name", "baseline", "--operation-id", op);
        assertThat(described.exit()).as(described.err()).isZero();
        JsonNode operation = described.json().get("StackSetOperation");
        assertThat(operation.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(operation.get("Action").asText()).isEqualTo("CREATE");
        assertThat(operation.get("OperationPreferences").get("MaxConcurrentCount").asInt()).isEqualTo(2);
        assertThat(operation.get("StatusDetails").get("FailedStackInstancesCount").asInt()).isEqualTo(1);
    }
}
