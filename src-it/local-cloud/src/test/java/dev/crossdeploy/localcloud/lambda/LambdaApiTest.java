package dev.crossdeploy.localcloud.lambda;

import dev.crossdeploy.localcloud.lambda.functions.MessageHandler;
import dev.crossdeploy.localcloud.logs.LogEvent;
import dev.crossdeploy.localcloud.logs.LogsModule;
import dev.crossdeploy.localcloud.support.Policies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.crossdeploy.localcloud.lambda.LambdaTestCloud.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Lambda API as the SDK's LambdaClient sees it: reads, invocation types, IAM and errors. */
class LambdaApiTest {
    private static final String FN_ARN = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:orders";

    @RegisterExtension
    static LambdaTestCloud cloud = new LambdaTestCloud();

    @BeforeAll
    static void deployOrders() {
        String key = cloud.upload("orders.zip", FunctionZips.of(MessageHandler.class).file("message.txt", "orders v1").bytes());
        String template = LambdaTestCloud.functionTemplate("orders", MessageHandler.class.getName(), key,
                Map.of("Environment", Map.of("Variables", Map.of("TABLE", "orders")), "Description", "Orders"));
        cloud.deploy("orders", LambdaTestCloud.withResources(LambdaTestCloud.withVersionAndLiveAlias(template), Map.of(
                "ApiPermission", Map.of("Type", "AWS::Lambda::Permission", "Properties", Map.of(
                        "FunctionName", Map.of("Ref", "Live"), "Action", "lambda:InvokeFunction",
                        "Principal", "apigateway.amazonaws.com",
                        "SourceArn", "arn:aws:execute-api:us-east-1:" + ACCOUNT + ":abc123/*/*/*")))));
    }

    @Test
    void anUnknownFunctionIsNotFound() {
        assertThatThrownBy(() -> cloud.lambda().invoke(b -> b.functionName("missing")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Function not found: arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:missing");
                });
        assertThatThrownBy(() -> cloud.lambda().getFunction(b -> b.functionName("orders").qualifier("7")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Function not found: " + FN_ARN + ":7");
    }

    @Test
    void aCallerWithoutInvokePermissionIsDenied() {
        IamClient iam = IamClient.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(cloud.staging())).build();
        iam.createRole(b -> b.roleName("reader").assumeRolePolicyDocument(Policies.trustAccount(ACCOUNT)));
        iam.putRolePolicy(b -> b.roleName("reader").policyName("read").policyDocument(Policies.allow("lambda:GetFunction", "*")));
        var assumed = StsClient.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(cloud.staging())).build()
                .assumeRole(b -> b.roleArn("arn:aws:iam::" + ACCOUNT + ":role/reader").roleSessionName("ci")).credentials();
        LambdaClient reader = cloud.lambda(AwsSessionCredentials.create(assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken()));

        assertThat(reader.getFunction(b -> b.functionName("orders")).configuration().functionName()).isEqualTo("orders");
        assertThatThrownBy(() -> reader.invoke(b -> b.functionName("orders")))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:sts::" + ACCOUNT
                            + ":assumed-role/reader/ci is not authorized to perform: lambda:InvokeFunction on resource: " + FN_ARN
                            + " because no identity-based policy allows the lambda:InvokeFunction action");
                });
    }

    @Test
    void getFunctionAndItsConfigurationDescribeWhatWasDeployed() {
        var fn = cloud.lambda().getFunction(b -> b.functionName("orders"));
        var c = fn.configuration();
        assertThat(c.functionArn()).isEqualTo(FN_ARN);
        assertThat(c.runtimeAsString()).isEqualTo("java17");
        assertThat(c.handler()).isEqualTo(MessageHandler.class.getName());
        assertThat(c.memorySize()).isEqualTo(256);
        assertThat(c.timeout()).isEqualTo(10);
        assertThat(c.version()).isEqualTo("$LATEST");
        assertThat(c.description()).isEqualTo("Orders");
        assertThat(c.environment().variables()).containsEntry("TABLE", "orders");
        assertThat(c.codeSha256()).isNotBlank();
        assertThat(c.codeSize()).isPositive();
        assertThat(c.stateAsString()).isEqualTo("Active");
        assertThat(c.loggingConfig().logGroup()).isEqualTo("/aws/lambda/orders");
        assertThat(fn.code().repositoryType()).isEqualTo("S3");

        var live = cloud.lambda().getFunctionConfiguration(b -> b.functionName("orders").qualifier("live"));
        assertThat(live.version()).isEqualTo("1");
        assertThat(live.functionArn()).isEqualTo(FN_ARN + ":1");
        assertThat(live.codeSha256()).isEqualTo(c.codeSha256());
    }

    @Test
    void listsFunctionsVersionsAndReadsAliases() {
        assertThat(cloud.lambda().listFunctions().functions()).extracting(f -> f.functionName()).contains("orders");
        assertThat(cloud.lambda().listVersionsByFunction(b -> b.functionName("orders")).versions())
                .extracting(v -> v.version()).containsExactly("$LATEST", "1");
        var alias = cloud.lambda().getAlias(b -> b.functionName("orders").name("live"));
        assertThat(alias.aliasArn()).isEqualTo(FN_ARN + ":live");
        assertThat(alias.functionVersion()).isEqualTo("1");
        assertThatThrownBy(() -> cloud.lambda().getAlias(b -> b.functionName("orders").name("canary")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Alias not found: " + FN_ARN + ":canary");
    }

    @Test
    void dryRunChecksAndEventRunsInTheBackground() {
        var dry = cloud.lambda().invoke(b -> b.functionName("orders").invocationType(InvocationType.DRY_RUN));
        assertThat(dry.statusCode()).isEqualTo(204);

        var event = cloud.lambda().invoke(b -> b.functionName("orders:live").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromString("{\"id\":1}", StandardCharsets.UTF_8)));
        assertThat(event.statusCode()).isEqualTo(202);
        var logs = cloud.cloud().state().module(LogsModule.class).store();
        LambdaTestCloud.await(() -> logs.group(ACCOUNT, "us-east-1", "/aws/lambda/orders")
                .map(g -> g.streamNames().stream().filter(s -> s.contains("[1]"))
                        .flatMap(s -> g.events(s).stream()).map(LogEvent::message).anyMatch(m -> m.startsWith("REPORT RequestId:")))
                .orElse(false), "the event invocation's REPORT line");
    }

    @Test
    void aPayloadThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> cloud.lambda().invoke(b -> b.functionName("orders").payload(SdkBytes.fromUtf8String("not json"))))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestContentException");
                });
    }

    @Test
    void otherServicesInvokeByArnWithinTheFunctionsResourcePolicy() throws Exception {
        FunctionInvoker invoker = cloud.cloud().state().module(FunctionInvoker.class);
        String source = "arn:aws:execute-api:us-east-1:" + ACCOUNT + ":abc123/prod/GET/orders";

        assertThat(invoker.allowsInvoke(FN_ARN + ":live", "apigateway.amazonaws.com", source, ACCOUNT)).isTrue();
        assertThat(invoker.allowsInvoke(FN_ARN, "apigateway.amazonaws.com", source, ACCOUNT)).isFalse();
        assertThat(invoker.allowsInvoke(FN_ARN + ":live", "apigateway.amazonaws.com",
                "arn:aws:execute-api:us-east-1:" + ACCOUNT + ":other/prod/GET/orders", ACCOUNT)).isFalse();
        assertThat(invoker.allowsInvoke(FN_ARN + ":live", "events.amazonaws.com", source, ACCOUNT)).isFalse();

        InvocationResult result = invoker.invoke(FN_ARN + ":live", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("\"orders v1\"");
        assertThat(result.executedVersion()).isEqualTo("1");
        assertThat(result.failed()).isFalse();
        assertThatThrownBy(() -> invoker.invoke(FN_ARN + ":9", new byte[0]))
                .isInstanceOf(FunctionNotFoundException.class).hasMessage("Function not found: " + FN_ARN + ":9");
    }
}
