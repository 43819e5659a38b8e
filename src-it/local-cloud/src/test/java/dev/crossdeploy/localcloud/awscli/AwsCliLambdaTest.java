package dev.crossdeploy.localcloud.awscli;

import dev.crossdeploy.localcloud.support.AwsCli;
import dev.crossdeploy.localcloud.support.AwsCli.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.lambda.LambdaTestCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aws lambda invoke} from Debian's AWS CLI (botocore, not the Java SDK) against functions
 * deployed on the local cloud: the payload, the function error, the log tail and Lambda's errors.
 */
class AwsCliLambdaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LambdaTestCloud cloud = new LambdaTestCloud();

    @TempDir
    Path dir;

    @BeforeAll
    static void cliIsInstalledAndFunctionsDeployed() {
        AwsCli.assertInstalled();
        cloud.deployMessageFunction("cli-orders", "from the cli");
        cloud.deployThrowingFunction("cli-broken");
    }

    private Result aws(String... args) throws IOException, InterruptedException {
        return new AwsCli(cloud.endpoint(), dir).run(cloud.stagingRootEnvironment(), args);
    }

    @Test
    void invokeWritesTheResultAndReportsVersionAndLogTail() throws Exception {
        Files.writeString(dir.resolve("event.json"), "{\"order\":1}");

        Result r = aws("lambda", "invoke", "--function-name", "cli-orders", "--payload", "fileb://event.json",
                "--log-type", "Tail", "answer.json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("answer.json"))).isEqualTo("\"from the cli\"");
        assertThat(r.json().get("StatusCode").asInt()).isEqualTo(200);
        assertThat(r.json().get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(r.json().has("FunctionError")).isFalse();
        String tail = new String(Base64.getDecoder().decode(r.json().get("LogResult").asText()), StandardCharsets.UTF_8);
        assertThat(tail).startsWith("START RequestId: ").contains("END RequestId: ").contains("REPORT RequestId: ");
    }

    @Test
    void aThrowingFunctionIsReportedAsUnhandled() throws Exception {
        Result r = aws("lambda", "invoke", "--function-name", "cli-broken", "answer.json");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("FunctionError").asText()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(Files.readString(dir.resolve("answer.json")));
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void anUnknownFunctionIsLambdasResourceNotFound() throws Exception {
        Result r = aws("lambda", "invoke", "--function-name", "nobody", "answer.json");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("An error occurred (ResourceNotFoundException) when calling the Invoke operation: "
                + "Function not found: arn:aws:lambda:us-east-1:222222222222:function:nobody");
    }

    @Test
    void getFunctionConfigurationDescribesTheFunction() throws Exception {
        Result r = aws("lambda", "get-function-configuration", "--function-name", "cli-orders");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("FunctionName").asText()).isEqualTo("cli-orders");
        assertThat(r.json().get("Runtime").asText()).isEqualTo("java17");
    }
}
