package dev.crossdeploy.localcloud.iam;

import dev.crossdeploy.localcloud.auth.Principal;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The decisions S3 and CloudFormation rely on: cross-account access, deny precedence, PassRole. */
class PolicyEvaluatorTest {
    private final IamStore iam = new IamStore(Clock.systemUTC());
    private final Principal pipelineRoot = Principal.root("111111111111", "AKIA");
    private final String object = "arn:aws:s3:::bucket-in-staging/app.zip";

    private Principal session(String account, String role, String policy) {
        Role r = iam.createRole(account, role, "/", """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"}]}""", null, null);
        if (policy != null) iam.putRolePolicy(account, role, "p", policy);
        return Principal.assumedRole(r.arn(), r.roleId(), "s", null);
    }

    private Decision put(Principal who, String bucketPolicy) {
        return iam.evaluator().evaluate(who, "s3:PutObject", object, "222222222222",
                bucketPolicy == null ? null : PolicyDocument.parse(bucketPolicy), Map.of("aws:SecureTransport", "true"));
    }

    @Test
    void anotherAccountNeedsTheBucketPolicy() {
        assertThat(put(pipelineRoot, null)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(put(pipelineRoot, """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},
                 "Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket-in-staging/*"}]}""")).isEqualTo(Decision.ALLOW);
    }

    @Test
    void crossAccountRoleNeedsBothItsOwnPolicyAndTheBucketPolicy() {
        String grant = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}]}""";
        Principal bare = session("111111111111", "bare", null);
        Principal allowed = session("111111111111", "writer", """
                {"Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}""");
        assertThat(put(bare, grant)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(put(allowed, grant)).isEqualTo(Decision.ALLOW);
        assertThat(put(allowed, null)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void sameAccountRoleIsAllowedByItsOwnPolicyAlone() {
        Principal writer = session("222222222222", "writer", """
                {"Statement":[{"Effect":"Allow","Action":"s3:Put*","Resource":"arn:aws:s3:::bucket-in-staging/*"}]}""");
        assertThat(put(writer, null)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void explicitDenyWinsOverEveryAllow() {
        String tlsOnly = """
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},
                 {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
                  "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""";
        assertThat(put(pipelineRoot, tlsOnly)).isEqualTo(Decision.ALLOW);
        assertThat(iam.evaluator().evaluate(pipelineRoot, "s3:PutObject", object, "222222222222",
                PolicyDocument.parse(tlsOnly), Map.of("aws:SecureTransport", "false"))).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void anonymousCallersNeedAPublicGrant() {
        assertThat(put(Principal.anonymous(), """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"s3:*","Resource":"*"}]}"""))
                .isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(put(Principal.anonymous(), """
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*"}]}"""))
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void passRoleIsLimitedToTheRolesNamed() {
        iam.createRole("222222222222", "crossdeploy-cfn-exec", "/", """
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", null, null);
        iam.createRole("222222222222", "admin", "/", """
                {"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}""", null, null);
        Principal deployer = session("222222222222", "deployer", """
                {"Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::222222222222:role/crossdeploy-cfn-exec",
                  "Condition":{"StringEquals":{"iam:PassedToService":"cloudformation.amazonaws.com"}}}]}""");

        assertThat(iam.canPassRole(deployer, "arn:aws:iam::222222222222:role/crossdeploy-cfn-exec", "cloudformation.amazonaws.com")).isTrue();
        assertThat(iam.canPassRole(deployer, "arn:aws:iam::222222222222:role/crossdeploy-cfn-exec", "lambda.amazonaws.com")).isFalse();
        assertThat(iam.canPassRole(deployer, "arn:aws:iam::222222222222:role/admin", "cloudformation.amazonaws.com")).isFalse();
        assertThat(iam.trustsService("arn:aws:iam::222222222222:role/admin", "cloudformation.amazonaws.com")).isTrue();
        assertThat(iam.trustsService("arn:aws:iam::222222222222:role/deployer", "cloudformation.amazonaws.com")).isFalse();
    }

    @Test
    void conditionsWithMissingKeysDoNotGrant() {
        String needsKms = """
                {"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*",
                 "Condition":{"StringEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}}]}""";
        assertThat(put(pipelineRoot, needsKms)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(iam.evaluator().evaluate(pipelineRoot, "s3:PutObject", object, "222222222222",
                PolicyDocument.parse(needsKms), Map.of("s3:x-amz-server-side-encryption", "aws:kms"))).isEqualTo(Decision.ALLOW);
    }
}
