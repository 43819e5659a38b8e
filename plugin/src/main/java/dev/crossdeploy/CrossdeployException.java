package dev.crossdeploy;

/**
 * Something the user must fix or know: bad input, a refused guard, a failed deployment.
 * The message is one line saying what is wrong and what to do; the Mojos turn it into a
 * MojoFailureException. Unexpected breakage stays a plain runtime exception.
 */
public class CrossdeployException extends RuntimeException {
    public CrossdeployException(String message) {
        super(message);
    }

    public CrossdeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
