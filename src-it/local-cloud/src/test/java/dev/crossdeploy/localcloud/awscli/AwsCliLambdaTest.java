package dev.crossdeploy.localcloud.awscli;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aws lambda invoke} from Debian's AWS CLI (botocore, not the Java SDK) against functions
 * deployed on the local cloud: the payload, the function error, the log tail and Lambda's errors.
 */
class AwsCliLambdaTest {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LambdaTestCloud cloud = new LambdaTestCloud();

    @TempDir
    Path dir;

    @BeforeAll
    static void cliIsInstalledAndFunctionsDeployed() {
        assertThat(AWS).as("Debian's AWS CLI is missing: run 'apt-get install awscli' (CI does it in .ci/run)").isExecutable();
        cloud.deployMessageFunction("cli-orders", "from the cli");
        cloud.deployThrowingFunction("cli-broken");
    }

    private Result aws(String... args) throws IOException, InterruptedException {
        Path config = dir.resolve("config");
        Files.writeString(config, "[default]\nregion = us-east-1\noutput = json\n");
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", cloud.endpoint().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString());
        env.put("AWS_PAGER", "");
        env.putAll(cloud.stagingRootEnvironment());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("aws " + String.join(" ", args) + " finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    record Result(int exit, String out, String err) {
        JsonNode json() throws IOException { return JSON.readTree(out); }
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
