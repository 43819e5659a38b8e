package dev.crossdeploy.localcloud.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.lambda.FunctionInvoker;
import dev.crossdeploy.localcloud.lambda.InvocationResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The tests' stand-in for the Lambda module: records each event, answers what the test set, and
 * decides invoke permissions from the deployed AWS::Lambda::Permission records the way Lambda
 * does (a permission on a function does not cover its aliases; SourceArn as an ArnLike pattern).
 */
final class TestFunctions implements CloudModule, FunctionInvoker {
    /** One call the API made. */
    record Invocation(String functionArn, JsonNode event) {}

    /** One permission question the API asked. */
    record PermissionCheck(String functionArn, String principal, String sourceArn, String sourceAccount) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloudState state;
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final List<PermissionCheck> checks = new CopyOnWriteArrayList<>();
    private volatile Function<Invocation, InvocationResult> answer = TestFunctions::ok;

    TestFunctions(CloudState state) { this.state = state; }

    static InvocationResult ok(Invocation call) { return returns("{\"statusCode\":200,\"body\":\"ok\"}"); }

    static InvocationResult returns(String payload) {
        return new InvocationResult(payload.getBytes(StandardCharsets.UTF_8), null, "$LATEST", "");
    }

    static InvocationResult fails(String errorDocument) {
        return new InvocationResult(errorDocument.getBytes(StandardCharsets.UTF_8), "Unhandled", "$LATEST", "");
    }

    void answer(Function<Invocation, InvocationResult> answer) { this.answer = answer; }

    List<Invocation> invocations() { return List.copyOf(invocations); }

    List<PermissionCheck> checks() { return List.copyOf(checks); }

    JsonNode lastEvent() { return invocations.get(invocations.size() - 1).event(); }

    void forget() {
        invocations.clear();
        checks.clear();
        answer = TestFunctions::ok;
    }

    @Override
    public InvocationResult invoke(String functionArn, byte[] payload) {
        try {
            Invocation call = new Invocation(functionArn, JSON.readTree(payload));
            invocations.add(call);
            return answer.apply(call);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean allowsInvoke(String functionArn, String principal, String sourceArn, String sourceAccount) {
        checks.add(new PermissionCheck(functionArn, principal, sourceArn, sourceAccount));
        return ResourceRecords.of(state).all().stream()
                .filter(p -> p.type().equals("AWS::Lambda::Permission"))
                .anyMatch(p -> functionArn.equals(qualifiedArn(p, String.valueOf(p.properties().get("FunctionName"))))
                        && principal.equals(p.properties().get("Principal"))
                        && List.of("lambda:InvokeFunction", "lambda:*", "*").contains(p.properties().get("Action"))
                        && (p.properties().get("SourceArn") == null || arnLike(sourceArn, p.properties().get("SourceArn").toString()))
                        && (p.properties().get("SourceAccount") == null || p.properties().get("SourceAccount").equals(sourceAccount)));
    }

    private static String qualifiedArn(ResourceRecords.Entry permission, String functionName) {
        if (functionName.startsWith("arn:")) return functionName;
        return "arn:aws:lambda:" + permission.region() + ":" + permission.accountId() + ":function:" + functionName;
    }

    private static boolean arnLike(String value, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return value.matches(regex.toString());
    }

    @Override
    public void reset() { forget(); }
}
