package dev.crossdeploy.stack;

import dev.crossdeploy.report.Text;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Turns an AWS error into the short text a user reads. */
final class Errors {
    private Errors() {}

    static String describe(AwsServiceException e) {
        if (e.awsErrorDetails() == null) return Text.oneLine(e.getMessage());
        String code = e.awsErrorDetails().errorCode();
        String message = Text.oneLine(e.awsErrorDetails().errorMessage());
        return code == null ? message : code + ": " + message;
    }
}
