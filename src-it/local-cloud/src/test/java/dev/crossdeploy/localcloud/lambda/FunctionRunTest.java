package dev.crossdeploy.localcloud.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.lambda.functions.BrokenInitHandler;
import dev.crossdeploy.localcloud.lambda.functions.EnvironmentHandler;
import dev.crossdeploy.localcloud.lambda.functions.HangingHandler;
import dev.crossdeploy.localcloud.lambda.functions.MessageHandler;
import dev.crossdeploy.localcloud.lambda.functions.ProxyEventHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.crossdeploy.localcloud.lambda.functions.ThrowingHandler;
import dev.crossdeploy.localcloud.logs.LogEvent;
import dev.crossdeploy.localcloud.logs.LogsModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.sts.StsClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.crossdeploy.localcloud.lambda.LambdaTestCloud.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployed Java functions run in worker JVMs under the AWS runtime interface client and behave
 * as on Lambda: results, environment, execution-role credentials, errors, timeouts, logs.
 */
class FunctionRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LambdaTestCloud cloud = new LambdaTestCloud();

    private static InvokeResponse invoke(String function, String payload) {
        return cloud.lambda().invoke(b -> b.functionName(function).logType(LogType.TAIL)
                .payload(SdkBytes.fromString(payload, StandardCharsets.UTF_8)));
    }

    private static List<Long> runningWorkerJvms() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("runtime.api.client.AWSLambda"))
                .map(ProcessHandle::pid).toList();
    }

    private static JsonNode json(InvokeResponse r) throws Exception {
        return JSON.readTree(r.payload().asUtf8String());
    }

    private static void deploy(String name, Class<?> handler, Map<String, Object> extra, String... roleActions) {
        String key = cloud.upload(name + ".zip", FunctionZips.of(handler).bytes());
        cloud.deploy(name, LambdaTestCloud.functionTemplate(name, handler.getName() + "::handleRequest", key, extra, roleActions));
    }

    @Test
    void aFunctionAnswersWithItsEnvironmentAndLambdasStandardVariables() throws Exception {
        deploy("env-fn", EnvironmentHandler.class, Map.of("Environment", Map.of("Variables", Map.of("GREETING", "hello"))));

        InvokeResponse r = invoke("env-fn", "{\"order\":42}");

        assertThat(r.functionError()).isNull();
        assertThat(r.executedVersion()).isEqualTo("$LATEST");
        JsonNode out = json(r);
        assertThat(out.get("event").get("order").asInt()).isEqualTo(42);
        assertThat(out.get("functionName").asText()).isEqualTo("env-fn");
        assertThat(out.get("invokedArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:env-fn");
        assertThat(out.get("remainingMillis").asLong()).isBetween(1L, 10_000L);
        JsonNode env = out.get("env");
        assertThat(env.get("GREETING").asText()).isEqualTo("hello");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("env-fn");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(env.get("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(env.get("AWS_DEFAULT_REGION").asText()).isEqualTo("us-east-1");
        assertThat(env.get("_HANDLER").asText()).isEqualTo(EnvironmentHandler.class.getName() + "::handleRequest");
        assertThat(env.get("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_java17");
        assertThat(env.get("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/aws/lambda/env-fn");
        assertThat(env.get("AWS_LAMBDA_LOG_STREAM_NAME").asText()).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(env.get("AWS_ENDPOINT_URL").asText()).isEqualTo(cloud.cloud().endpoint().toString());
        assertThat(env.get("TZ").asText()).isEqualTo(":UTC");
        assertThat(env.get("LAMBDA_TASK_ROOT").asText()).isEqualTo(out.get("workingDirectory").asText());
        // The worker sees the runtime interface client and nothing of the cloud (no Jackson of its own).
        assertThat(out.get("classpath").asText()).contains("aws-lambda-java-runtime-interface-client.jar").doesNotContain("jackson");
        assertThat(env.has("AWS_PROFILE")).isFalse();
    }

    @Test
    void aConfigurationChangedByHandIsWhatTheNextInvocationRunsWith() throws Exception {
        deploy("hand-fn", EnvironmentHandler.class, Map.of("Environment", Map.of("Variables", Map.of("GREETING", "hello"))));
        assertThat(json(invoke("hand-fn", "{}")).get("env").get("GREETING").asText()).isEqualTo("hello");

        cloud.lambda().updateFunctionConfiguration(b -> b.functionName("hand-fn").memorySize(512)
                .environment(e -> e.variables(Map.of("GREETING", "bonjour"))));

        JsonNode env = json(invoke("hand-fn", "{}")).get("env");
        assertThat(env.get("GREETING").asText()).isEqualTo("bonjour");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("512");
    }

    @Test
    void theCallersClientContextReachesTheHandler() throws Exception {
        deploy("context-fn", EnvironmentHandler.class, Map.of());
        String context = Base64.getEncoder().encodeToString("{\"custom\":{\"tenant\":\"acme\"}}".getBytes(StandardCharsets.UTF_8));

        InvokeResponse r = cloud.lambda().invoke(b -> b.functionName("context-fn").clientContext(context));

        assertThat(json(r).get("clientCustom").get("tenant").asText()).isEqualTo("acme");
    }

    @Test
    void theFunctionActsAsItsExecutionRoleInItsAccount() throws Exception {
        deploy("role-fn", EnvironmentHandler.class, Map.of());

        JsonNode env = json(invoke("role-fn", "{}")).get("env");
        String roleArn = cloud.cloudFormation().describeStackResource(b -> b.stackName("role-fn").logicalResourceId("Role"))
                .stackResourceDetail().physicalResourceId();

        assertThat(env.get("AWS_ACCESS_KEY_ID").asText()).startsWith("ASIA");
        try (StsClient sts = StsClient.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        env.get("AWS_ACCESS_KEY_ID").asText(), env.get("AWS_SECRET_ACCESS_KEY").asText(),
                        env.get("AWS_SESSION_TOKEN").asText()))).build()) {
            var who = sts.getCallerIdentity();
            assertThat(who.account()).isEqualTo(ACCOUNT);
            assertThat(who.arn()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/" + roleArn + "/role-fn");
        }
    }

    @Test
    void aWorkerThatWouldOutliveItsCredentialsIsReplacedWithFreshOnes() throws Exception {
        deploy("rotating-fn", EnvironmentHandler.class, Map.of());
        FunctionInvoker invoker = cloud.lambdaModule();
        String arn = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:rotating-fn";
        JsonNode first = JSON.readTree(invoker.invoke(arn, "{}".getBytes(StandardCharsets.UTF_8)).payload());
        try {
            cloud.cloud().state().clock().advance(java.time.Duration.ofMinutes(59));
            JsonNode second = JSON.readTree(invoker.invoke(arn, "{}".getBytes(StandardCharsets.UTF_8)).payload());

            assertThat(second.get("env").get("AWS_ACCESS_KEY_ID").asText())
                    .isNotEqualTo(first.get("env").get("AWS_ACCESS_KEY_ID").asText());
            assertThat(second.get("env").get("AWS_LAMBDA_LOG_STREAM_NAME").asText())
                    .isNotEqualTo(first.get("env").get("AWS_LAMBDA_LOG_STREAM_NAME").asText());
        } finally {
            cloud.cloud().state().clock().reset();
        }
    }

    @Test
    void aThrowingFunctionGivesLambdasUnhandledErrorDocument() throws Exception {
        deploy("throwing-fn", ThrowingHandler.class, Map.of());

        InvokeResponse r = invoke("throwing-fn", "{\"customer\":\"ada\"}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(r);
        assertThat(error.get("errorMessage").asText()).isEqualTo("no orders for ada");
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("stackTrace").get(0).asText()).contains(ThrowingHandler.class.getName() + ".handleRequest");
        String tail = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(tail).contains("no orders for ada").contains("END RequestId:").contains("REPORT RequestId:");
    }

    @Test
    void aHandlerThatCannotBeLoadedGivesItsInitError() throws Exception {
        deploy("broken-fn", BrokenInitHandler.class, Map.of());

        InvokeResponse r = invoke("broken-fn", "{}");

        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(r);
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("missing configuration TABLE_NAME");
    }

    @Test
    void aHungFunctionTimesOutWithLambdasErrorAndItsWorkerIsReplaced() throws Exception {
        deploy("hanging-fn", HangingHandler.class, Map.of("Timeout", 1));
        List<Long> before = cloud.lambdaModule().workerPids();

        InvokeResponse r = invoke("hanging-fn", "{}");

        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(r);
        assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.get("errorMessage").asText()).matches("RequestId: [0-9a-f-]{36} Error: Task timed out after 1\\.00 seconds");
        String tail = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(tail).contains("waiting forever").containsPattern("Task timed out after 1\\.00 seconds")
                .contains("Status: timeout");
        // The hung worker is gone, process and all; the next call starts a fresh one.
        assertThat(cloud.lambdaModule().workerPids()).allMatch(before::contains);
        LambdaTestCloud.await(() -> cloud.lambdaModule().workerPids().containsAll(runningWorkerJvms()), "no worker JVM outside the pool");
    }

    @Test
    void logLinesReachTheFunctionsLogGroup() throws Exception {
        deploy("logging-fn", EnvironmentHandler.class, Map.of());

        InvokeResponse r = invoke("logging-fn", "{}");
        String requestId = json(r).get("requestId").asText();
        String stream = json(r).get("env").get("AWS_LAMBDA_LOG_STREAM_NAME").asText();

        var group = cloud.cloud().state().module(LogsModule.class).store().group(ACCOUNT, "us-east-1", "/aws/lambda/logging-fn");
        assertThat(group).isPresent();
        List<String> lines = group.get().events(stream).stream().map(LogEvent::message).toList();
        assertThat(lines).contains("START RequestId: " + requestId + " Version: $LATEST", "handling " + requestId,
                "END RequestId: " + requestId);
        assertThat(lines).anyMatch(l -> l.startsWith("REPORT RequestId: " + requestId + "\tDuration: "));
        assertThat(lines.indexOf("handling " + requestId)).isBetween(lines.indexOf("START RequestId: " + requestId + " Version: $LATEST"),
                lines.indexOf("END RequestId: " + requestId));
        String tail = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(tail).startsWith("START RequestId: " + requestId).contains("handling " + requestId);
    }

    @Test
    void outputIsDroppedWhenTheRoleMayNotCreateTheMissingLogGroup() throws Exception {
        String key = cloud.upload("silent-fn.zip", FunctionZips.of(EnvironmentHandler.class).bytes());
        cloud.deploy("silent-fn", LambdaTestCloud.functionTemplate("silent-fn", EnvironmentHandler.class.getName() + "::handleRequest",
                key, Map.of(), List.of(Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", "*"))));

        assertThat(invoke("silent-fn", "{}").functionError()).isNull();

        assertThat(cloud.cloud().state().module(LogsModule.class).store().group(ACCOUNT, "us-east-1", "/aws/lambda/silent-fn")).isEmpty();
    }

    @Test
    void aRoleMayWriteToAnExistingGroupWithoutCreatingGroups() throws Exception {
        var store = cloud.cloud().state().module(LogsModule.class).store();
        store.createGroup(ACCOUNT, "us-east-1", "/custom/scoped", System.currentTimeMillis());
        String key = cloud.upload("scoped-fn.zip", FunctionZips.of(EnvironmentHandler.class).bytes());
        cloud.deploy("scoped-fn", LambdaTestCloud.functionTemplate("scoped-fn", EnvironmentHandler.class.getName() + "::handleRequest",
                key, Map.of("LoggingConfig", Map.of("LogGroup", "/custom/scoped")), List.of(Map.of("Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                        "Resource", "arn:aws:logs:us-east-1:" + ACCOUNT + ":log-group:/custom/scoped:*"))));

        JsonNode out = json(invoke("scoped-fn", "{}"));

        assertThat(out.get("env").get("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/custom/scoped");
        String stream = out.get("env").get("AWS_LAMBDA_LOG_STREAM_NAME").asText();
        assertThat(store.group(ACCOUNT, "us-east-1", "/custom/scoped").orElseThrow().events(stream))
                .extracting(LogEvent::message).contains("handling " + out.get("requestId").asText());
    }

    @Test
    void anAliasKeepsServingItsVersionAfterLatestChangedAndNewCodeIsServedAtOnce() throws Exception {
        String key1 = cloud.upload("message-v1.zip", FunctionZips.of(MessageHandler.class).file("message.txt", "first").bytes());
        String template = LambdaTestCloud.functionTemplate("message-fn", MessageHandler.class.getName(), key1, Map.of());
        cloud.deploy("message-fn", LambdaTestCloud.withVersionAndLiveAlias(template));
        assertThat(invoke("message-fn", "{}").payload().asUtf8String()).isEqualTo("\"first\"");

        String key2 = cloud.upload("message-v2.zip", FunctionZips.of(MessageHandler.class).file("message.txt", "second").bytes());
        String updated = LambdaTestCloud.functionTemplate("message-fn", MessageHandler.class.getName(), key2, Map.of());
        cloud.deploy("message-fn", LambdaTestCloud.withVersionAndLiveAlias(updated));

        assertThat(invoke("message-fn", "{}").payload().asUtf8String()).isEqualTo("\"second\"");
        InvokeResponse live = invoke("arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:message-fn:live", "{}");
        assertThat(live.payload().asUtf8String()).isEqualTo("\"first\"");
        assertThat(live.executedVersion()).isEqualTo("1");
    }

    @Test
    void apiGatewayProxyEventsAreReadAndWrittenAsOnLambda() throws Exception {
        String key = cloud.upload("proxy-fn.zip", FunctionZips.of(ProxyEventHandler.class)
                .libraryOf(APIGatewayProxyRequestEvent.class).libraryOf(org.joda.time.DateTime.class).bytes());
        cloud.deploy("proxy-fn", LambdaTestCloud.functionTemplate("proxy-fn", ProxyEventHandler.class.getName() + "::handleRequest",
                key, Map.of()));
        String event = """
                {"resource":"/notes/{id}","path":"/notes/n-1","httpMethod":"PUT","headers":{"Content-Type":"application/json"},
                 "pathParameters":{"id":"n-1"},"requestContext":{"stage":"prod","requestId":"r-1","httpMethod":"PUT"},
                 "body":"{\\"text\\":\\"hi\\"}","isBase64Encoded":false}""";

        JsonNode response = json(invoke("proxy-fn", event));

        assertThat(response.get("statusCode").asInt()).isEqualTo(201);
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
        JsonNode body = JSON.readTree(response.get("body").asText());
        assertThat(body.get("method").asText()).isEqualTo("PUT");
        assertThat(body.get("path").asText()).isEqualTo("/notes/n-1");
        assertThat(body.get("id").asText()).isEqualTo("n-1");
        assertThat(body.get("stage").asText()).isEqualTo("prod");
        assertThat(body.get("body").get("text").asText()).isEqualTo("hi");
    }

    /**
     * Lambda's event serialization loads joda-time's DateTime from the function's classpath for
     * every event type, so a package without joda-time fails as on AWS (aws-lambda-java-libs#72).
     */
    @Test
    void anEventFunctionPackagedWithoutJodaTimeFailsAsOnLambda() throws Exception {
        String key = cloud.upload("no-joda-fn.zip", FunctionZips.of(ProxyEventHandler.class)
                .libraryOf(APIGatewayProxyRequestEvent.class).bytes());
        cloud.deploy("no-joda-fn", LambdaTestCloud.functionTemplate("no-joda-fn", ProxyEventHandler.class.getName() + "::handleRequest",
                key, Map.of()));

        InvokeResponse r = invoke("no-joda-fn", "{\"httpMethod\":\"GET\",\"path\":\"/notes\"}");

        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(json(r).get("errorMessage").asText()).isEqualTo("java.lang.ClassNotFoundException: org.joda.time.DateTime");
    }

    @Test
    void deletingTheStackStopsTheFunctionsWorker() throws Exception {
        deploy("short-lived-fn", EnvironmentHandler.class, Map.of());
        List<Long> before = cloud.lambdaModule().workerPids();
        invoke("short-lived-fn", "{}");
        List<Long> started = new java.util.ArrayList<>(cloud.lambdaModule().workerPids());
        started.removeAll(before);
        assertThat(started).hasSize(1);
        ProcessHandle worker = ProcessHandle.of(started.get(0)).orElseThrow();

        cloud.delete("short-lived-fn");

        assertThat(cloud.lambdaModule().workerPids()).doesNotContain(started.get(0));
        LambdaTestCloud.await(() -> !worker.isAlive(), "the worker process to end");
    }
}
