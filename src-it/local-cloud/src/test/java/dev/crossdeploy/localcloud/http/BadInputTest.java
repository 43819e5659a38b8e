package dev.crossdeploy.localcloud.http;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.RawRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends, the answer is an AWS-shaped error and the server keeps serving. */
class BadInputTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private java.net.http.HttpResponse<String> post(String service, String body) {
        var a = cloud.cloud().account("pipeline");
        return new RawRequests(cloud.cloud().endpoint()).signedPost(service, a.accessKeyId(), a.secretAccessKey(), body);
    }

    @Test
    void unknownActionIsInvalidAction() {
        var r = post("sts", "Action=LaunchRockets&Version=2011-06-15");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidAction</Code>").contains("<RequestId>")
                .contains("Could not find operation LaunchRockets");
    }

    @Test
    void missingActionIsMissingAction() {
        var r = post("iam", "Version=2010-05-08");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>MissingAction</Code>");
    }

    @Test
    void missingRequiredParameterIsAValidationError() {
        var r = post("sts", "Action=AssumeRole&Version=2011-06-15&RoleSessionName=ci");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>ValidationError</Code>")
                .contains("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void malformedPolicyDocumentIsRefusedWithIamsCode() {
        var r = post("iam", "Action=CreateRole&Version=2010-05-08&RoleName=x&AssumeRolePolicyDocument=%7Bnot-json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>MalformedPolicyDocument</Code>");
    }

    @Test
    void malformedPercentEncodingIsMalformedQueryString() {
        var r = post("sts", "Action=%zz&Version=2011-06-15");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>MalformedQueryString</Code>");
    }

    @Test
    void oversizedQueryBodyIsRefusedAndTheServerStillServes() {
        var r = post("sts", "Action=GetCallerIdentity&Version=2011-06-15&Pad=" + "x".repeat(1_100_000));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.body()).contains("<Code>RequestEntityTooLarge</Code>").doesNotContain("Exception");
        assertThat(cloud.as("pipeline").sts().getCallerIdentity().account()).isEqualTo("111111111111");
    }
}
