package dev.crossdeploy.bootstrap;

import dev.crossdeploy.CrossdeployException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BootstrapRequestTest {

    private static BootstrapRequest request(String trustAccount) {
        return new BootstrapRequest(trustAccount, List.of(), null, false, List.of(), null);
    }

    @Test
    void missingTrustAccountIsOneLineSayingWhatToGive() {
        for (String missing : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> request(missing))
                    .isInstanceOf(CrossdeployException.class)
                    .hasMessage("crossdeploy.trustAccount is required: give the 12-digit id of the pipeline account"
                            + " that will deploy into this account, e.g. -Dcrossdeploy.trustAccount=111111111111.");
        }
    }

    @Test
    void trustAccountMustBeTwelveDigits() {
        for (String bad : new String[] {"11111111111", "1111111111111", "11111111111a", "arn:aws:iam::111111111111:root"}) {
            assertThatThrownBy(() -> request(bad))
                    .isInstanceOf(CrossdeployException.class)
                    .hasMessage("crossdeploy.trustAccount '" + bad + "' is not a 12-digit AWS account id; give the"
                            + " pipeline account's id, e.g. -Dcrossdeploy.trustAccount=111111111111.")
                    .message().doesNotContain("\n");
        }
    }

    @Test
    void defaultsTheStackNameAndDropsAnEmptyExternalId() {
        BootstrapRequest r = new BootstrapRequest(" 111111111111 ", null, "", false, null, "");
        assertThat(r.trustAccount()).isEqualTo("111111111111");
        assertThat(r.stackName()).isEqualTo("crossdeploy-bootstrap");
        assertThat(r.externalId()).isNull();
        assertThat(r.trustRoles()).isEmpty();
        assertThat(r.executionPolicyArns()).isEmpty();
    }

    @Test
    void rejectsARoleNameThatIsNotOne() {
        assertThatThrownBy(() -> new BootstrapRequest("111111111111", List.of("codebuild role"), null, false, List.of(), null))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("crossdeploy.trustRoles entry 'codebuild role' is not an IAM role name (up to 64 letters,"
                        + " digits and +=,.@_-); list role names of the pipeline account separated by commas.");
    }

    @Test
    void rejectsABadExternalIdWithoutShowingIt() {
        String secret = "x";
        assertThatThrownBy(() -> new BootstrapRequest("111111111111", List.of(), secret, false, List.of(), null))
                .isInstanceOf(CrossdeployException.class)
                .hasMessage("crossdeploy.externalId must be 2 to 1224 characters of letters, digits and +=,.@:/_-"
                        + " (the value given is not shown).");
        BootstrapRequest ok = new BootstrapRequest("111111111111", List.of(), "s3cr3t-external-id", false, List.of(), null);
        assertThat(ok.toString()).doesNotContain("s3cr3t-external-id").contains("externalId=(set)");
    }

    @Test
    void rejectsABadStackNameAndPolicyArn() {
        assertThatThrownBy(() -> new BootstrapRequest("111111111111", List.of(), null, false, List.of(), "1-stack"))
                .hasMessage("crossdeploy.bootstrapStackName '1-stack' is not a stack name: start with a letter,"
                        + " then letters, digits and hyphens, at most 128 characters.");
        assertThatThrownBy(() -> new BootstrapRequest("111111111111", List.of(), null, false, List.of("AdministratorAccess"), null))
                .hasMessage("crossdeploy.executionPolicyArns entry 'AdministratorAccess' is not a managed policy ARN"
                        + " such as arn:aws:iam::aws:policy/AdministratorAccess.");
    }

    @Test
    void splitsCommaSeparatedValues() {
        assertThat(BootstrapRequest.commaSeparated(" a, b ,,c ")).containsExactly("a", "b", "c");
        assertThat(BootstrapRequest.commaSeparated(null)).isEmpty();
        assertThat(BootstrapRequest.commaSeparated("")).isEmpty();
    }
}
