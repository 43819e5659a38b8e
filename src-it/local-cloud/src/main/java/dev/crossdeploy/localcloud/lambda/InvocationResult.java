package dev.crossdeploy.localcloud.lambda;

/**
 * What one invocation gave back, as Lambda's Invoke reports it.
 *
 * @param payload       the function's response, or Lambda's error document when it failed
 * @param functionError null on success, else "Unhandled" (threw, timed out, crashed) or
 *                      "Handled", as in the X-Amz-Function-Error header
 * @param executedVersion the version that ran ("$LATEST", "3")
 * @param logTail       the last 4 KB of what the invocation logged
 */
public record InvocationResult(byte[] payload, String functionError, String executedVersion, String logTail) {
    public boolean failed() { return functionError != null; }
}
