package dev.crossdeploy.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.lambda.FunctionInvoker;
import dev.crossdeploy.localcloud.lambda.FunctionNotFoundException;
import dev.crossdeploy.localcloud.lambda.InvocationResult;

import java.io.IOException;

/**
 * Invokes a function with the event, as EventBridge does: the function's resource policy must
 * let events.amazonaws.com invoke it for the rule. Runs on the events module's delivery thread,
 * so the publisher never waits for the function.
 */
final class LambdaTarget implements EventTarget {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CloudState state;

    LambdaTarget(CloudState state) { this.state = state; }

    @Override
    public void deliver(Rule rule, Rule.Target target, JsonNode input) throws TargetFailure {
        FunctionInvoker invoker;
        try {
            invoker = state.module(FunctionInvoker.class);
        } catch (IllegalStateException e) {
            throw new TargetFailure("The local cloud runs no Lambda; function " + target.arn() + " was not invoked");
        }
        if (!invoker.allowsInvoke(target.arn(), "events.amazonaws.com", rule.arn(), rule.accountId())) {
            throw new TargetFailure("events.amazonaws.com is not allowed to invoke " + target.arn());
        }
        try {
            InvocationResult result = invoker.invoke(target.arn(), JSON.writeValueAsBytes(input));
            if (result.failed()) throw new TargetFailure("The function failed (" + result.functionError() + ")");
        } catch (FunctionNotFoundException e) {
            throw new TargetFailure("Function not found: " + target.arn());
        } catch (IOException e) {
            throw new TargetFailure(e.getMessage());
        }
    }
}
