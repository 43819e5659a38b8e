package dev.crossdeploy.account;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** The lines for failures that the local cloud cannot produce on demand, built as the SDK builds them. */
class AwsErrorsTest {
    @Test
    void aForbiddenAnswerWithoutBodySaysHttp403NotNull() {
        // S3 answers HEAD without a body: no code, no message.
        var e = S3Exception.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("S3").build()).build();
        assertThat(AwsErrors.explain(e)).isEqualTo("S3 denied access (HTTP 403); allow the action for the role in use,"
                + " or check that the stage's account, role and bucket are the intended ones.");
    }

    @Test
    void expiredCredentials() {
        var e = StsException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder().serviceName("Sts")
                .errorCode("ExpiredToken").errorMessage("The security token included in the request is expired").build()).build();
        assertThat(AwsErrors.explain(e)).isEqualTo("STS refused the AWS credentials as expired (ExpiredToken); renew them"
                + " (a new session, or aws sso login) and run again.");
    }

    @Test
    void aRefusalNamesCodeAndMessage() {
        var e = CloudFormationException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .serviceName("CloudFormation").errorCode("ValidationError").errorMessage("Stack [x] does not exist").build()).build();
        assertThat(AwsErrors.explain(e)).isEqualTo("CloudFormation refused the request (ValidationError: Stack [x] does not exist);"
                + " fix what it names and run again.");
    }

    @Test
    void anUnknownHost() {
        var e = SdkClientException.builder().message("Received an UnknownHostException when attempting to interact with a service.")
                .cause(new UnknownHostException("cloudformation.us-east-99.amazonaws.com")).build();
        assertThat(AwsErrors.explain(e)).isEqualTo("Cannot resolve the AWS endpoint's host cloudformation.us-east-99.amazonaws.com;"
                + " check AWS_ENDPOINT_URL (or the stage's region) and the build's DNS and network.");
    }

    @Test
    void aTimeout() {
        var e = ApiCallTimeoutException.create(30_000);
        assertThat(AwsErrors.explain(e)).isEqualTo("Timed out waiting for the AWS endpoint, also after retries; check the"
                + " network, proxy settings and AWS_ENDPOINT_URL, then run again.");
    }

    @Test
    void textLosesClassNamesAndNulls() {
        assertThat(AwsErrors.text("software.amazon.awssdk.core.exception.SdkClientException: null (Service: S3)"))
                .isEqualTo("(Service: S3)");
    }
}
