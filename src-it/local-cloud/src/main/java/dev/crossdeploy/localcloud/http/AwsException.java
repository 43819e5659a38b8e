package dev.crossdeploy.localcloud.http;

/**
 * An error answered to the client in the shape of the service that raised it: the HTTP status,
 * AWS's error code and the message text. Services throw it; the front door renders it.
 */
public class AwsException extends RuntimeException {
    private final int status;
    private final String code;
    /** "Sender" for client faults, "Receiver" for server faults (query protocol's Error/Type). */
    private final boolean senderFault;

    public AwsException(int status, String code, String message) {
        this(status, code, message, status < 500);
    }

    public AwsException(int status, String code, String message, boolean senderFault) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.senderFault = senderFault;
    }

    public int status() { return status; }
    public String code() { return code; }
    public boolean senderFault() { return senderFault; }

    public static AwsException validation(String message) {
        return new AwsException(400, "ValidationError", message);
    }

    public static AwsException accessDenied(String message) {
        return new AwsException(403, "AccessDenied", message);
    }
}
