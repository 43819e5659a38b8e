package dev.crossdeploy.localcloud.auth;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Policies;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger .ci/scan-secrets checks the whole test run's output against. */
class SecretLedgerTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path dir;
    private String previous;

    @BeforeEach
    void useOwnLedger() {
        previous = System.getProperty(SecretLedger.PROPERTY);
        System.setProperty(SecretLedger.PROPERTY, dir.resolve("ledger.txt").toString());
    }

    @AfterEach
    void restoreLedger() {
        if (previous == null) System.clearProperty(SecretLedger.PROPERTY);
        else System.setProperty(SecretLedger.PROPERTY, previous);
    }

    @Test
    void recordsTheSecretKeyAndSessionTokenOfEveryAssumedRoleSession() throws IOException {
        cloud.as("staging").iam().createRole(r -> r.roleName("deployer")
                .assumeRolePolicyDocument(Policies.trustAccount("111111111111")));

        var credentials = cloud.as("pipeline").sts().assumeRole(r -> r
                .roleArn("arn:aws:iam::222222222222:role/deployer").roleSessionName("ci")).credentials();

        assertThat(Files.readAllLines(dir.resolve("ledger.txt")))
                .contains(credentials.secretAccessKey(), credentials.sessionToken())
                .doesNotContain(credentials.accessKeyId());
    }

    @Test
    void recordsNoEchoParameterValuesButNotOrdinaryOnes() throws IOException {
        Stacks.create(cloud.as("staging").cloudFormation(), "ledger", """
                Parameters:
                  Password: {Type: String, NoEcho: true}
                  Colour: {Type: String}
                Resources:
                  Note: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: hello}}
                """, Parameter.builder().parameterKey("Password").parameterValue("n0echo-ledger-value").build(),
                Parameter.builder().parameterKey("Colour").parameterValue("ordinary-blue").build());

        assertThat(Files.readAllLines(dir.resolve("ledger.txt")))
                .contains("n0echo-ledger-value").doesNotContain("ordinary-blue");
    }

    @Test
    void keepsNothingWhenNoLedgerIsConfigured() {
        System.clearProperty(SecretLedger.PROPERTY);

        SecretLedger.record(java.util.List.of("a-secret-value"));

        assertThat(dir.resolve("ledger.txt")).doesNotExist();
    }
}
