package dev.crossdeploy.stack;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which CloudFormation refusals mean another deployment got in between (start the round again) and which the user must read. */
class OvertakenTest {
    static CloudFormationException error(String code, String message) {
        return (CloudFormationException) CloudFormationException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ChangeSetNotFound|ChangeSet [arn:aws:cloudformation:us-east-1:1:changeSet/crossdeploy-1/x] does not exist|true",
            "InvalidChangeSetStatus|ChangeSet [x] cannot be executed in its current execution status of [OBSOLETE]|true",
            "ValidationError|Stack:arn:aws:cloudformation:us-east-1:1:stack/orders/x is in UPDATE_IN_PROGRESS state and can not be updated.|true",
            "ValidationError|Stack [orders] already exists and cannot be created again with the changeSet [crossdeploy-1].|true",
            "ValidationError|Stack [orders] does not exist|true",
            "ValidationError|Stack with id orders does not exist|true",
            "ValidationError|Role arn:aws:iam::1:role/missing is invalid or cannot be assumed|false",
            "ValidationError|S3 error: The specified key does not exist.|false",
            "ValidationError|Template format error: Unrecognized resource types: [AWS::Nope]|false",
            "AccessDenied|User is not authorized to perform: cloudformation:ExecuteChangeSet|false"})
    void contentionIsToldApartFromRefusals(String code, String message, boolean overtaken) {
        var result = Overtaken.of(error(code, message));

        assertThat(result.isPresent()).isEqualTo(overtaken);
        result.ifPresent(o -> assertThat(o).hasMessage(code + ": " + message));
    }
}
