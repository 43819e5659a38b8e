package dev.crossdeploy.account;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.StsException;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import javax.net.ssl.SSLException;
import java.net.ServerSocket;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
    void anUnroutableEndpoint() {
        // What a build in a VPC without a route to the endpoint gets; the local network here refuses instead.
        var e = SdkClientException.builder().message("Unable to execute HTTP request: No route to host")
                .cause(new NoRouteToHostException("No route to host")).build();
        assertThat(AwsErrors.explain(e, URI.create("https://vpce-1.sts.us-east-1.vpce.amazonaws.com"))).isEqualTo("The AWS"
                + " endpoint https://vpce-1.sts.us-east-1.vpce.amazonaws.com is unreachable from the build's network (no route"
                + " to it); check AWS_ENDPOINT_URL and the network's routes, proxy and firewall, then run again.");
    }

    @Test
    void aTlsFailure() {
        var e = SdkClientException.builder().message("Unable to execute HTTP request: Unsupported or unrecognized SSL message")
                .cause(new SSLException("Unsupported or unrecognized SSL message")).build();
        assertThat(AwsErrors.explain(e, URI.create("https://localhost:4566"))).isEqualTo("The TLS connection to the AWS endpoint"
                + " https://localhost:4566 failed (Unsupported or unrecognized SSL message); check the scheme of AWS_ENDPOINT_URL"
                + " (http or https) and any proxy that intercepts TLS, then run again.");
    }

    @Test
    void nextStepsForCloudFormationsCommonRefusals() {
        assertThat(AwsErrors.nextStep("Template format error: Unrecognized resource types: [AWS::SSM::Parametr]"))
                .isEqualTo("fix the Type of AWS::SSM::Parametr in the template (AWS::<service>::<resource>, as CloudFormation's"
                        + " resource type reference spells it) and run again");
        assertThat(AwsErrors.nextStep("Template format error: Unresolved resource dependencies [Greetin] in the Outputs block of the template"))
                .isEqualTo("declare Greetin in the template's Resources or Parameters, or fix the Ref, Fn::GetAtt or Fn::Sub"
                        + " that names it, and run again");
        String constraint = "set parameter LogLevel in the stage's parameters to a value the template's AllowedValues,"
                + " AllowedPattern or limits accept, and run again";
        assertThat(AwsErrors.nextStep("Parameter 'LogLevel' must be one of AllowedValues")).isEqualTo(constraint);
        assertThat(AwsErrors.nextStep("Parameter LogLevel failed to satisfy constraint: one of DEBUG, INFO")).isEqualTo(constraint);
        assertThat(AwsErrors.nextStep("Parameters: [TableName] must have values"))
                .isEqualTo("set TableName in the stage's parameters or give it a Default in the template, and run again");
        assertThat(AwsErrors.nextStep("Role arn:aws:iam::333333333333:role/nope is invalid or cannot be assumed"))
                .isEqualTo("the stage's CloudFormation execution role must exist in the stage's account and trust"
                        + " cloudformation.amazonaws.com: bootstrap the account (crossdeploy:bootstrap) or fix the stage's"
                        + " executionRoleArn, and run again");
        assertThat(AwsErrors.nextStep(null)).isEqualTo("fix what it names and run again");
    }

    @Test
    void anUnknownHost() {
        var e = SdkClientException.builder().message("Received an UnknownHostException when attempting to interact with a service.")
                .cause(new UnknownHostException("cloudformation.us-east-99.amazonaws.com")).build();
        assertThat(AwsErrors.explain(e)).isEqualTo("The AWS endpoint's host cloudformation.us-east-99.amazonaws.com is unknown;"
                + " check AWS_ENDPOINT_URL (or the stage's region) and the build's DNS, then run again.");
    }

    @Test
    void aTimeout() {
        var e = ApiCallTimeoutException.create(30_000);
        assertThat(AwsErrors.explain(e, URI.create("https://sts.us-east-1.amazonaws.com"))).isEqualTo("The AWS endpoint"
                + " https://sts.us-east-1.amazonaws.com did not answer in time, also after retries; check the network, proxy"
                + " settings and AWS_ENDPOINT_URL (crossdeploy.awsCallTimeout sets how long each call may take), then run again.");
    }

    @Test
    void textLosesClassNamesAndNulls() {
        assertThat(AwsErrors.text("software.amazon.awssdk.core.exception.SdkClientException: null (Service: S3)"))
                .isEqualTo("(Service: S3)");
    }

    @Test
    void aRefusedConnectionNamesTheEndpointTheCallWentTo() throws Exception {
        // What a build without AWS_ENDPOINT_URL sees: the endpoint is the SDK's own choice, known only to the call.
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);
        SdkException e;
        try (StsClient sts = StsClient.builder().region(Region.US_EAST_1).endpointOverride(closed)
                .credentialsProvider(AnonymousCredentialsProvider.create()).overrideConfiguration(Retries.policy()).build()) {
            e = catchThrowableOfType(SdkException.class, sts::getCallerIdentity);
        }
        assertThat(AwsErrors.explain(e)).isEqualTo("The AWS endpoint " + closed + " refused the connection; check that"
                + " AWS_ENDPOINT_URL names a running endpoint and that the build's network reaches it, then run again.");
    }
}
