package dev.crossdeploy.localcloud.dynamodb;

/**
 * A DynamoDB API call the cloud made for itself (CloudFormation creating a table) failed, in
 * DynamoDB's terms: the HTTP status, the error type without its namespace
 * ("ResourceInUseException") and the message.
 */
public final class DynamoDbCallException extends RuntimeException {
    private final int status;
    private final String type;

    public DynamoDbCallException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public int status() { return status; }
    public String type() { return type; }
}
