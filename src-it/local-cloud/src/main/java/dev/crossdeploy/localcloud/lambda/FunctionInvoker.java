package dev.crossdeploy.localcloud.lambda;

/**
 * How other services run a deployed function (API Gateway's proxy integration, EventBridge
 * targets, ...), as Lambda's Invoke does for a service principal: the caller names the function
 * by ARN (qualified with a version or alias, or not) and gets what the function returned.
 */
public interface FunctionInvoker {

    /**
     * Runs the function synchronously with {@code payload} (JSON) and waits for it to finish or
     * time out. A function that threw or timed out gives a result with a function error, not an
     * exception.
     *
     * @throws FunctionNotFoundException when no such function, version or alias exists
     */
    InvocationResult invoke(String functionArn, byte[] payload) throws FunctionNotFoundException;

    /**
     * Whether the function's resource-based policy (its {@code AWS::Lambda::Permission}s) lets
     * {@code servicePrincipal} (for example apigateway.amazonaws.com) invoke it on behalf of
     * {@code sourceArn}, as Lambda decides for a qualified or unqualified function ARN.
     */
    boolean allowsInvoke(String functionArn, String servicePrincipal, String sourceArn, String sourceAccount);
}
