package dev.crossdeploy.localcloud.auth;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Clients;
import dev.crossdeploy.localcloud.support.Policies;
import dev.crossdeploy.localcloud.support.RawRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignatureTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private RawRequests raw() { return new RawRequests(cloud.cloud().endpoint()); }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        var staging = cloud.cloud().account("staging");
        assertThatThrownBy(() -> cloud.with(staging.accessKeyId(), "not-the-secret", null).sts().getCallerIdentity())
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated does not match");
                });
    }

    @Test
    void unknownAccessKeyIsInvalidClientTokenId() {
        assertThatThrownBy(() -> cloud.with("AKIAUNKNOWN000000000", "x", null).sts().getCallerIdentity())
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
                });
    }

    @Test
    void temporaryKeyWithoutOrWithAWrongSessionTokenIsRefused() {
        cloud.as("staging").iam().createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(Policies.trustAccount("111111111111")));
        var c = cloud.as("pipeline").sts().assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/deployer").roleSessionName("ci")).credentials();

        assertThatThrownBy(() -> cloud.with(c.accessKeyId(), c.secretAccessKey(), null).sts().getCallerIdentity())
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        assertThatThrownBy(() -> cloud.with(c.accessKeyId(), c.secretAccessKey(), "forged").sts().getCallerIdentity())
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        assertThat(cloud.with(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()).sts().getCallerIdentity().account())
                .isEqualTo("222222222222");
    }

    @Test
    void unsignedQueryCallIsMissingAuthenticationToken() {
        var response = raw().unsigned("POST", "/", "Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void presignedQueryStringSignatureIsAccepted() {
        var pipeline = cloud.cloud().account("pipeline");
        var response = raw().presignedGet("sts", pipeline.accessKeyId(), pipeline.secretAccessKey(),
                "/?Action=GetCallerIdentity&Version=2011-06-15", Duration.ofMinutes(5));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Account>111111111111</Account>");
    }

    @Test
    void tamperedPresignedUrlIsRefused() {
        var pipeline = cloud.cloud().account("pipeline");
        var ok = raw().presignedGet("sts", pipeline.accessKeyId(), pipeline.secretAccessKey(),
                "/?Action=GetCallerIdentity&Version=2011-06-15", Duration.ofMinutes(5));
        String tampered = ok.request().uri().toString().replace("GetCallerIdentity", "AssumeRole");
        var response = raw().unsigned("GET", tampered.substring(tampered.indexOf('/', 8)), null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void assumedRoleClientsAreAttributedToTheRolesAccount() {
        cloud.as("staging").iam().createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(Policies.trustAccount("111111111111")));
        var session = Clients.from(cloud, cloud.as("pipeline").sts()
                .assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/deployer").roleSessionName("ci")));
        assertThat(session.sts().getCallerIdentity().arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/deployer/ci");
    }
}
