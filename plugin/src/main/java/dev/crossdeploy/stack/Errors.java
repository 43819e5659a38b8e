package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AwsErrors;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

import java.util.function.Supplier;

/** Turns an AWS error into the short text a user reads. */
final class Errors {
    private Errors() {}

    static String describe(AwsServiceException e) {
        return AwsErrors.describe(e);
    }

    /**
     * Runs {@code work}, turning a CloudFormation error the user must act on into a
     * {@link CrossdeployException} "{@code refusal}: code: message". Throttling and 5xx left
     * after the SDK's retries pass unchanged: they are the retry policy's to report.
     */
    static <T> T refusalExplained(String refusal, Supplier<T> work) {
        try {
            return work.get();
        } catch (CloudFormationException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) throw e;
            String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
            throw new CrossdeployException(refusal + ": " + describe(e) + "; " + AwsErrors.nextStep(message) + ".", e);
        }
    }

    /** {@link #refusalExplained} for an engine's whole run on one stage's stack. */
    static <T> T refusalExplained(String stackName, Stage stage, Supplier<T> work) {
        return refusalExplained("CloudFormation refused a request for stack " + stackName + " in stage " + stage.name(), work);
    }
}
