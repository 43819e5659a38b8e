package dev.crossdeploy.localcloud.sts;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Clients;
import dev.crossdeploy.localcloud.support.Policies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssumeRoleTest {
    private static final String STAGING = "222222222222";
    private static final String DEPLOY_ROLE = "arn:aws:iam::222222222222:role/deployer";

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private void createDeployRole(String trustPolicy) {
        cloud.as("staging").iam().createRole(r -> r.roleName("deployer").assumeRolePolicyDocument(trustPolicy));
    }

    private AssumeRoleResponse assumeFromPipeline() {
        return cloud.as("pipeline").sts().assumeRole(r -> r.roleArn(DEPLOY_ROLE).roleSessionName("ci"));
    }

    @Test
    void rootCallerIdentityNamesItsAccount() {
        var id = cloud.as("staging").sts().getCallerIdentity();
        assertThat(id.account()).isEqualTo(STAGING);
        assertThat(id.arn()).isEqualTo("arn:aws:iam::222222222222:root");
        assertThat(id.userId()).isEqualTo(STAGING);
    }

    @Test
    void assumedRoleCredentialsActInTheRolesAccount() {
        createDeployRole(Policies.trustAccount("111111111111"));

        AssumeRoleResponse assumed = assumeFromPipeline();

        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(assumed.credentials().sessionToken()).isNotBlank();
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/deployer/ci");
        var id = Clients.from(cloud, assumed).sts().getCallerIdentity();
        assertThat(id.account()).isEqualTo(STAGING);
        assertThat(id.arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/deployer/ci");
        assertThat(id.userId()).startsWith("AROA").endsWith(":ci");
    }

    @Test
    void roleThatDoesNotTrustTheCallerRefuses() {
        createDeployRole(Policies.trustAccount("333333333333"));

        assertThatThrownBy(this::assumeFromPipeline)
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                            "User: arn:aws:iam::111111111111:root is not authorized to perform: sts:AssumeRole on resource: " + DEPLOY_ROLE);
                });
    }

    @Test
    void missingRoleRefusesWithTheSameTextAsAnUntrustedOne() {
        assertThatThrownBy(this::assumeFromPipeline)
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("User: arn:aws:iam::111111111111:root is not authorized to perform: sts:AssumeRole on resource: " + DEPLOY_ROLE));
    }

    @Test
    void externalIdConditionMustMatch() {
        createDeployRole(Policies.trustAccountWithExternalId("111111111111", "team-a"));
        var sts = cloud.as("pipeline").sts();

        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(DEPLOY_ROLE).roleSessionName("ci")))
                .isInstanceOf(StsException.class).hasMessageContaining("not authorized to perform: sts:AssumeRole");
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(DEPLOY_ROLE).roleSessionName("ci").externalId("team-b")))
                .isInstanceOf(StsException.class).hasMessageContaining("not authorized to perform: sts:AssumeRole");
        assertThat(sts.assumeRole(r -> r.roleArn(DEPLOY_ROLE).roleSessionName("ci").externalId("team-a"))
                .credentials().accessKeyId()).startsWith("ASIA");
    }

    @Test
    void durationSecondsOutsideTheRolesBoundsIsRefused() {
        createDeployRole(Policies.trustAccount("111111111111"));
        var sts = cloud.as("pipeline").sts();

        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(DEPLOY_ROLE).roleSessionName("ci").durationSeconds(899)))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"));
        assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(DEPLOY_ROLE).roleSessionName("ci").durationSeconds(7200)))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));
        Instant before = Instant.now();
        var creds = sts.assumeRole(r -> r.roleArn(DEPLOY_ROLE).roleSessionName("ci").durationSeconds(900)).credentials();
        assertThat(Duration.between(before, creds.expiration())).isBetween(Duration.ofSeconds(890), Duration.ofSeconds(901));
    }

    @Test
    void temporaryCredentialsStopWorkingAfterExpiry() {
        createDeployRole(Policies.trustAccount("111111111111"));
        var session = Clients.from(cloud, cloud.as("pipeline").sts()
                .assumeRole(r -> r.roleArn(DEPLOY_ROLE).roleSessionName("ci").durationSeconds(900)));
        assertThat(session.sts().getCallerIdentity().account()).isEqualTo(STAGING);

        cloud.cloud().state().clock().advance(Duration.ofSeconds(901));

        assertThatThrownBy(() -> session.sts().getCallerIdentity())
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is expired");
                });
    }

    @Test
    void roleChainingIsLimitedToOneHour() {
        createDeployRole(Policies.trustAccount("111111111111"));
        var iam = cloud.as("staging").iam();
        iam.createRole(r -> r.roleName("second").assumeRolePolicyDocument(Policies.trustAccount(STAGING)).maxSessionDuration(7200));
        iam.putRolePolicy(r -> r.roleName("deployer").policyName("chain")
                .policyDocument(Policies.allow("sts:AssumeRole", "arn:aws:iam::222222222222:role/second")));
        var session = Clients.from(cloud, assumeFromPipeline());

        assertThatThrownBy(() -> session.sts().assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/second")
                .roleSessionName("chain").durationSeconds(7200)))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."));
        assertThat(session.sts().assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/second").roleSessionName("chain"))
                .assumedRoleUser().arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/second/chain");
    }

    @Test
    void sameAccountRoleSessionNeedsAnIdentityPolicyWhenTheTrustNamesOnlyTheAccount() {
        createDeployRole(Policies.trustAccount("111111111111"));
        var iam = cloud.as("staging").iam();
        iam.createRole(r -> r.roleName("other").assumeRolePolicyDocument(Policies.trustAccount(STAGING)));
        var session = Clients.from(cloud, assumeFromPipeline());

        assertThatThrownBy(() -> session.sts().assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/other").roleSessionName("xx")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "User: arn:aws:sts::222222222222:assumed-role/deployer/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/other"));
    }

    @Test
    void invalidSessionNameIsAValidationError() {
        createDeployRole(Policies.trustAccount("111111111111"));
        assertThatThrownBy(() -> cloud.as("pipeline").sts().assumeRole(r -> r.roleArn(DEPLOY_ROLE).roleSessionName("has space")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("roleSessionName");
                });
    }
}
