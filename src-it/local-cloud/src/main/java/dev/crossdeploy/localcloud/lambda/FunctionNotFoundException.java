package dev.crossdeploy.localcloud.lambda;

/** No function, version or alias by that ARN; Lambda answers ResourceNotFoundException. */
public final class FunctionNotFoundException extends Exception {
    public FunctionNotFoundException(String message) { super(message); }
}
