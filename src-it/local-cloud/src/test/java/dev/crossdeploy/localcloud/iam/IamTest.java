package dev.crossdeploy.localcloud.iam;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Clients;
import dev.crossdeploy.localcloud.support.Policies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.IamException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @Test
    void rolesAreCreatedReadAndDeletedInTheCallersAccount() {
        var iam = cloud.as("qa").iam();
        var created = iam.createRole(r -> r.roleName("app").path("/svc/").assumeRolePolicyDocument(Policies.trustService("lambda.amazonaws.com"))).role();
        assertThat(created.arn()).isEqualTo("arn:aws:iam::333333333333:role/svc/app");
        assertThat(created.roleId()).startsWith("AROA");

        var read = iam.getRole(r -> r.roleName("app")).role();
        assertThat(URLDecoder.decode(read.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).contains("lambda.amazonaws.com");
        assertThat(iam.listRoles().roles()).extracting(r -> r.roleName()).containsExactly("app");
        assertThat(cloud.as("staging").iam().listRoles().roles()).isEmpty();

        iam.deleteRole(r -> r.roleName("app"));
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("app"))).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name app cannot be found.");
        });
    }

    @Test
    void duplicateRoleNameIsEntityAlreadyExists() {
        var iam = cloud.as("qa").iam();
        iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(Policies.trustAccount("111111111111")));
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(Policies.trustAccount("111111111111"))))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Role with name app already exists.");
                });
    }

    @Test
    void roleWithPoliciesCannotBeDeletedUntilTheyAreRemoved() {
        var iam = cloud.as("qa").iam();
        iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(Policies.trustAccount("111111111111")));
        iam.putRolePolicy(r -> r.roleName("app").policyName("p").policyDocument(Policies.allow("s3:GetObject", "*")));
        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("app"))).isInstanceOfSatisfying(IamException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict"));
        assertThat(URLDecoder.decode(iam.getRolePolicy(r -> r.roleName("app").policyName("p")).policyDocument(), StandardCharsets.UTF_8))
                .contains("s3:GetObject");
        iam.deleteRolePolicy(r -> r.roleName("app").policyName("p"));
        iam.deleteRole(r -> r.roleName("app"));
    }

    @Test
    void managedPoliciesAttachAndUnknownOnesAreRefused() {
        var iam = cloud.as("qa").iam();
        iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(Policies.trustAccount("111111111111")));
        String arn = iam.createPolicy(r -> r.policyName("read").policyDocument(Policies.allow("s3:GetObject", "*"))).policy().arn();
        assertThat(arn).isEqualTo("arn:aws:iam::333333333333:policy/read");
        iam.attachRolePolicy(r -> r.roleName("app").policyArn(arn));
        iam.attachRolePolicy(r -> r.roleName("app").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertThatThrownBy(() -> iam.attachRolePolicy(r -> r.roleName("app").policyArn("arn:aws:iam::aws:policy/NoSuchPolicy")))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable."));
    }

    @Test
    void roleSessionsMayOnlyDoWhatTheirPoliciesAllow() {
        var iam = cloud.as("staging").iam();
        iam.createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(Policies.trustAccount("111111111111")));
        var session = Clients.from(cloud, cloud.as("pipeline").sts()
                .assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/deployer").roleSessionName("ci")));

        assertThatThrownBy(() -> session.iam().createRole(r -> r.roleName("x").assumeRolePolicyDocument(Policies.trustAccount("111111111111"))))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                            "User: arn:aws:sts::222222222222:assumed-role/deployer/ci is not authorized to perform: iam:CreateRole"
                                    + " on resource: arn:aws:iam::222222222222:role/x because no identity-based policy allows the iam:CreateRole action");
                });
        iam.putRolePolicy(r -> r.roleName("deployer").policyName("roles").policyDocument(Policies.allow("iam:*Role", "*")));
        assertThat(session.iam().createRole(r -> r.roleName("x").assumeRolePolicyDocument(Policies.trustAccount("111111111111")))
                .role().arn()).isEqualTo("arn:aws:iam::222222222222:role/x");
    }
}
