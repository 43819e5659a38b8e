package dev.crossdeploy.localcloud.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.LocalCloud;
import dev.crossdeploy.localcloud.support.Stacks;
import dev.crossdeploy.localcloud.config.CloudConfig;
import dev.crossdeploy.localcloud.lambda.functions.MessageHandler;
import dev.crossdeploy.localcloud.lambda.functions.ThrowingHandler;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One local cloud for a whole test class (workers are JVMs: a reset per test would restart
 * them all), with the staging account's function bucket and helpers to upload packages and
 * deploy function stacks through CloudFormation.
 */
public final class LambdaTestCloud implements BeforeAllCallback, AfterAllCallback {
    static final String ACCOUNT = "222222222222";
    static final String BUCKET = "functions-222222222222";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int maxWorkers;
    private LocalCloud cloud;

    public LambdaTestCloud() { this(CloudConfig.DEFAULT_MAX_FUNCTION_WORKERS); }

    LambdaTestCloud(int maxWorkers) { this.maxWorkers = maxWorkers; }

    @Override
    public void beforeAll(ExtensionContext context) {
        cloud = LocalCloud.builder().port(0).resourceDelayMillis(1)
                .config(CloudConfig.defaults().withMaxFunctionWorkers(maxWorkers)).start();
        s3().createBucket(b -> b.bucket(BUCKET));
    }

    @Override
    public void afterAll(ExtensionContext context) { cloud.close(); }

    LocalCloud cloud() { return cloud; }

    public java.net.URI endpoint() { return cloud.endpoint(); }

    /** The staging account's root key as AWS CLI environment variables. */
    public Map<String, String> stagingRootEnvironment() {
        var a = cloud.account("staging");
        return Map.of("AWS_ACCESS_KEY_ID", a.accessKeyId(), "AWS_SECRET_ACCESS_KEY", a.secretAccessKey());
    }

    /** Deploys a function (its own stack) that answers with {@code message}. */
    public void deployMessageFunction(String name, String message) {
        String key = upload(name + ".zip", FunctionZips.of(MessageHandler.class).file("message.txt", message).bytes());
        deploy(name, functionTemplate(name, MessageHandler.class.getName(), key, Map.of()));
    }

    /** Deploys a function (its own stack) that always throws. */
    public void deployThrowingFunction(String name) {
        String key = upload(name + ".zip", FunctionZips.of(ThrowingHandler.class).bytes());
        deploy(name, functionTemplate(name, ThrowingHandler.class.getName() + "::handleRequest", key, Map.of()));
    }

    LambdaModule lambdaModule() { return cloud.state().module(LambdaModule.class); }

    AwsCredentials staging() {
        var a = cloud.account("staging");
        return AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey());
    }

    S3Client s3() {
        return S3Client.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(staging())).forcePathStyle(true).build();
    }

    CloudFormationClient cloudFormation() {
        return CloudFormationClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(staging())).build();
    }

    LambdaClient lambda() { return lambda(staging()); }

    LambdaClient lambda(AwsCredentials credentials) {
        return LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }

    /** Uploads a package; returns its key. */
    String upload(String key, byte[] zip) {
        s3().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(zip));
        return key;
    }

    /**
     * A template with an execution role (allowed to write its logs, plus {@code rolePolicyActions}
     * on everything) and one function, Java 17, with these properties on top of the usual ones.
     */
    static String functionTemplate(String name, String handler, String key, Map<String, Object> extra, String... roleActions) {
        java.util.List<String> actions = new java.util.ArrayList<>(java.util.List.of(
                "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"));
        actions.addAll(java.util.List.of(roleActions));
        return functionTemplate(name, handler, key, extra, java.util.List.of(Map.of("Effect", "Allow", "Action", actions, "Resource", "*")));
    }

    /** A function whose execution role has exactly these policy statements. */
    static String functionTemplate(String name, String handler, String key, Map<String, Object> extra,
                                   java.util.List<Map<String, Object>> roleStatements) {
        ObjectNode t = JSON.createObjectNode();
        ObjectNode resources = t.putObject("Resources");
        ObjectNode role = resources.putObject("Role").put("Type", "AWS::IAM::Role").putObject("Properties");
        role.set("AssumeRolePolicyDocument", JSON.valueToTree(Map.of("Version", "2012-10-17", "Statement", java.util.List.of(
                Map.of("Effect", "Allow", "Principal", Map.of("Service", "lambda.amazonaws.com"), "Action", "sts:AssumeRole")))));
        role.set("Policies", JSON.valueToTree(java.util.List.of(Map.of("PolicyName", "function", "PolicyDocument",
                Map.of("Version", "2012-10-17", "Statement", roleStatements)))));
        ObjectNode fn = resources.putObject("Function").put("Type", "AWS::Lambda::Function").putObject("Properties");
        fn.put("FunctionName", name).put("Runtime", "java17").put("Handler", handler).put("MemorySize", 256).put("Timeout", 10);
        fn.set("Code", JSON.valueToTree(Map.of("S3Bucket", BUCKET, "S3Key", key)));
        fn.set("Role", JSON.valueToTree(Map.of("Fn::GetAtt", java.util.List.of("Role", "Arn"))));
        extra.forEach((k, v) -> fn.set(k, JSON.valueToTree(v)));
        return t.toString();
    }

    /** Adds resources (a Version, an Alias, ...) to a template. */
    static String withResources(String template, Map<String, Object> resources) {
        try {
            ObjectNode t = (ObjectNode) JSON.readTree(template);
            resources.forEach((k, v) -> ((ObjectNode) t.get("Resources")).set(k, JSON.valueToTree(v)));
            return t.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Adds version "V1" of the template's function and alias "live" on it. */
    static String withVersionAndLiveAlias(String template) {
        return withResources(template, Map.of(
                "V1", Map.of("Type", "AWS::Lambda::Version", "Properties", Map.of("FunctionName", Map.of("Ref", "Function"))),
                "Live", Map.of("Type", "AWS::Lambda::Alias", "Properties", Map.of("FunctionName", Map.of("Ref", "Function"),
                        "Name", "live", "FunctionVersion", Map.of("Fn::GetAtt", java.util.List.of("V1", "Version"))))));
    }

    /** Creates or updates a stack through a change set, as the plugin does, and waits until it settles. */
    Stack deploy(String stack, String template) {
        CloudFormationClient cfn = cloudFormation();
        boolean exists = cfn.listStacks().stackSummaries().stream()
                .anyMatch(s -> s.stackName().equals(stack) && !s.stackStatusAsString().equals("DELETE_COMPLETE")
                        && !s.stackStatusAsString().equals("REVIEW_IN_PROGRESS"));
        String changeSet = "cs-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        cfn.createChangeSet(b -> b.stackName(stack).changeSetName(changeSet).templateBody(template)
                .changeSetType(exists ? ChangeSetType.UPDATE : ChangeSetType.CREATE).capabilities(Capability.CAPABILITY_IAM));
        await(() -> {
            var status = cfn.describeChangeSet(b -> b.stackName(stack).changeSetName(changeSet)).status();
            return status == ChangeSetStatus.CREATE_COMPLETE || status == ChangeSetStatus.FAILED;
        }, "change set of " + stack);
        var described = cfn.describeChangeSet(b -> b.stackName(stack).changeSetName(changeSet));
        if (described.status() == ChangeSetStatus.FAILED) throw new AssertionError("Change set failed: " + described.statusReason());
        cfn.executeChangeSet(b -> b.stackName(stack).changeSetName(changeSet));
        Stack settled = settle(stack);
        if (!settled.stackStatusAsString().endsWith("_COMPLETE") || settled.stackStatusAsString().contains("ROLLBACK")) {
            throw new AssertionError("Stack " + stack + " ended " + settled.stackStatusAsString() + ": " + settled.stackStatusReason()
                    + " " + cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                    .filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": " + e.resourceStatusReason()).toList());
        }
        return settled;
    }

    void delete(String stack) {
        CloudFormationClient cfn = cloudFormation();
        String id = cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0).stackId();
        cfn.deleteStack(b -> b.stackName(stack));
        await(() -> cfn.describeStacks(b -> b.stackName(id)).stacks().get(0).stackStatusAsString().equals("DELETE_COMPLETE"),
                "stack " + stack + " to be deleted");
    }

    private Stack settle(String stack) {
        CloudFormationClient cfn = cloudFormation();
        await(() -> {
            String status = cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0).stackStatusAsString();
            return !status.endsWith("_IN_PROGRESS");
        },
                "stack " + stack + " to settle");
        return cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0);
    }

    /** Polls a condition until it holds, failing after a bound. */
    static void await(BooleanSupplier condition, String what) { Stacks.await(condition, what); }
}
