package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.iam.ManagedPolicyHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.iam.PolicyHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.iam.RoleHandler;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.ACCOUNT;
import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.allow;
import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.allowDocument;
import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.trustDocument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS::IAM::Role, Policy and ManagedPolicy create real IAM state that STS and the evaluator use. */
class RoleHandlerTest {
    @TempDir Path dir;
    private ResourceFixture cloud;
    private final RoleHandler roles = new RoleHandler();

    @BeforeEach
    void setUp() { cloud = new ResourceFixture(dir); }

    private static Map<String, Object> lambdaRole(String name) {
        Map<String, Object> p = new HashMap<>();
        p.put("AssumeRolePolicyDocument", trustDocument("lambda.amazonaws.com"));
        if (name != null) p.put("RoleName", name);
        return p;
    }

    private Decision decide(Role role, String action, String resource) {
        Principal session = Principal.assumedRole(role.arn(), role.roleId(), "s", null);
        return cloud.state.iam().evaluator().evaluate(session, action, resource, ACCOUNT, null, Map.of());
    }

    @Test
    void createsARoleWhosePoliciesTheEvaluatorUses() throws Exception {
        Map<String, Object> props = lambdaRole("orders-fn-role");
        props.put("Path", "/service/");
        props.put("MaxSessionDuration", "7200");
        props.put("Policies", List.of(Map.of("PolicyName", "table",
                "PolicyDocument", allowDocument("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:222222222222:table/orders"))));
        props.put("ManagedPolicyArns", List.of("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));

        ProvisionResult result = roles.create(cloud.root("FnRole"), props);

        Role role = cloud.state.iam().roleByName(ACCOUNT, "orders-fn-role").orElseThrow();
        assertThat(result.physicalId()).isEqualTo("orders-fn-role");
        assertThat(result.attributes()).containsEntry("Arn", "arn:aws:iam::222222222222:role/service/orders-fn-role")
                .containsEntry("RoleId", role.roleId());
        assertThat(role.roleId()).startsWith("AROA");
        assertThat(role.maxSessionDuration()).isEqualTo(7200);
        assertThat(cloud.state.iam().trustsService(role.arn(), "lambda.amazonaws.com")).isTrue();
        assertThat(decide(role, "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:222222222222:table/orders")).isEqualTo(Decision.ALLOW);
        assertThat(decide(role, "logs:PutLogEvents", "arn:aws:logs:us-east-1:222222222222:log-group:x")).isEqualTo(Decision.ALLOW);
        assertThat(decide(role, "dynamodb:DeleteTable", "arn:aws:dynamodb:us-east-1:222222222222:table/orders"))
                .isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void generatedNamesFollowCloudFormationsPatternWithinSixtyFourCharacters() throws Exception {
        ProvisionResult result = roles.create(cloud.root("OrdersFunctionExecutionRoleWithAVeryLongLogicalIdIndeed"), lambdaRole(null));

        assertThat(result.physicalId()).hasSizeLessThanOrEqualTo(64)
                .matches("orders-api-OrdersFunction[A-Za-z]*-[A-Z0-9]{13}");
        assertThat(cloud.state.iam().roleByName(ACCOUNT, result.physicalId())).isPresent();
    }

    @Test
    void updateAppliesChangedTrustAndPoliciesAndDeleteRemovesTheRole() throws Exception {
        ResourceContext ctx = cloud.root("FnRole");
        Map<String, Object> before = lambdaRole("r1");
        before.put("Policies", List.of(Map.of("PolicyName", "old", "PolicyDocument", allowDocument("s3:GetObject", "*"))));
        ProvisionResult created = roles.create(ctx, before);

        Map<String, Object> after = lambdaRole("r1");
        after.put("AssumeRolePolicyDocument", trustDocument("codebuild.amazonaws.com"));
        after.put("Policies", List.of(Map.of("PolicyName", "new", "PolicyDocument", allowDocument("s3:PutObject", "*"))));
        ProvisionResult updated = roles.update(ctx, created, before, after);

        Role role = cloud.state.iam().roleByName(ACCOUNT, "r1").orElseThrow();
        assertThat(updated.attributes()).isEqualTo(created.attributes());
        assertThat(role.inlinePolicies()).containsOnlyKeys("new");
        assertThat(cloud.state.iam().trustsService(role.arn(), "codebuild.amazonaws.com")).isTrue();
        assertThat(cloud.state.iam().trustsService(role.arn(), "lambda.amazonaws.com")).isFalse();

        roles.delete(ctx, updated);
        assertThat(cloud.state.iam().roleByName(ACCOUNT, "r1")).isEmpty();
    }

    @Test
    void anExistingRoleNameFailsAsAlreadyExisting() {
        cloud.state.iam().createRole(ACCOUNT, "taken", "/", ResourceFixture.trust("lambda.amazonaws.com"), null, null);

        assertThatThrownBy(() -> roles.create(cloud.root("FnRole"), lambdaRole("taken")))
                .isInstanceOf(ResourceFailure.class)
                .hasMessageStartingWith("Resource handler returned message: \"Resource of type 'AWS::IAM::Role' with identifier 'taken' already exists.\" (RequestToken: ")
                .hasMessageEndingWith(", HandlerErrorCode: AlreadyExists)");
    }

    @Test
    void aManagedPolicyThatDoesNotExistFailsAndLeavesNoRoleBehind() {
        Map<String, Object> props = lambdaRole("r2");
        props.put("ManagedPolicyArns", List.of("arn:aws:iam::aws:policy/NoSuchPolicy"));

        assertThatThrownBy(() -> roles.create(cloud.root("FnRole"), props))
                .hasMessageContaining("Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable. (Service: Iam, Status Code: 404, Request ID: ")
                .hasMessageEndingWith(", HandlerErrorCode: NotFound)");
        assertThat(cloud.state.iam().roleByName(ACCOUNT, "r2")).isEmpty();
    }

    @Test
    void aMalformedTrustPolicyFailsWithIamsReason() {
        Map<String, Object> props = lambdaRole("r3");
        props.put("AssumeRolePolicyDocument", Map.of("Version", "2012-10-17"));

        assertThatThrownBy(() -> roles.create(cloud.root("FnRole"), props))
                .hasMessageContaining("\"Missing required field Statement (Service: Iam, Status Code: 400, Request ID: ")
                .hasMessageEndingWith(", HandlerErrorCode: InvalidRequest)");
    }

    @Test
    void anAssumedRoleWithoutPermissionIsRefusedWithIamsAccessDeniedText() {
        Principal cfn = cloud.assumedRole("cfn-exec");

        assertThatThrownBy(() -> roles.create(cloud.context("FnRole", cfn), lambdaRole("r4")))
                .hasMessageStartingWith("Resource handler returned message: \"User: arn:aws:sts::222222222222:assumed-role/cfn-exec/AWSCloudFormation"
                        + " is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::222222222222:role/r4"
                        + " because no identity-based policy allows the iam:CreateRole action (Service: Iam, Status Code: 403, Request ID: ")
                .hasMessageEndingWith(", HandlerErrorCode: AccessDenied)");
        assertThat(cloud.state.iam().roleByName(ACCOUNT, "r4")).isEmpty();
    }

    @Test
    void anExplicitDenyIsNamedAsSuch() {
        Principal cfn = cloud.assumedRole("cfn-exec", allow("*", "*"), ResourceFixture.deny("iam:PutRolePolicy", "*"));
        Map<String, Object> props = lambdaRole("r5");
        props.put("Policies", List.of(Map.of("PolicyName", "p", "PolicyDocument", allowDocument("s3:*", "*"))));

        assertThatThrownBy(() -> roles.create(cloud.context("FnRole", cfn), props))
                .hasMessageContaining("is not authorized to perform: iam:PutRolePolicy on resource: arn:aws:iam::222222222222:role/r5"
                        + " with an explicit deny in an identity-based policy");
    }

    @Test
    void policyPutsAnInlinePolicyOnEachRoleAndDeleteTakesItAway() throws Exception {
        roles.create(cloud.root("FnRole"), lambdaRole("fn-role"));
        PolicyHandler policies = new PolicyHandler();
        ResourceContext ctx = cloud.root("TablePolicy");
        Map<String, Object> props = Map.of("PolicyName", "table-access", "Roles", List.of("fn-role"),
                "PolicyDocument", allowDocument("dynamodb:PutItem", "*"));

        ProvisionResult result = policies.create(ctx, props);

        Role role = cloud.state.iam().roleByName(ACCOUNT, "fn-role").orElseThrow();
        assertThat(result.attributes()).containsEntry("Id", result.physicalId());
        assertThat(result.physicalId()).matches("order-FnRol-[A-Z0-9]{12}|order-Table-[A-Z0-9]{12}");
        assertThat(decide(role, "dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:222222222222:table/t")).isEqualTo(Decision.ALLOW);

        policies.delete(ctx, result);
        assertThat(decide(role, "dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:222222222222:table/t")).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void policyWithoutAnyPrincipalIsRefused() {
        assertThatThrownBy(() -> new PolicyHandler().create(cloud.root("P"),
                Map.of("PolicyName", "p", "PolicyDocument", allowDocument("s3:*", "*"))))
                .hasMessageStartingWith("Resource handler returned message: \"At least one of [Groups,Roles,Users] must be non-empty.\"");
    }

    @Test
    void managedPolicyIsAttachedAndReattachedWhenItsDocumentChanges() throws Exception {
        roles.create(cloud.root("FnRole"), lambdaRole("fn-role"));
        ManagedPolicyHandler managed = new ManagedPolicyHandler();
        ResourceContext ctx = cloud.root("Shared");
        Map<String, Object> v1 = Map.of("ManagedPolicyName", "shared", "Roles", List.of("fn-role"),
                "PolicyDocument", allowDocument("sqs:SendMessage", "*"));

        ProvisionResult created = managed.create(ctx, v1);
        Role role = cloud.state.iam().roleByName(ACCOUNT, "fn-role").orElseThrow();
        assertThat(created.physicalId()).isEqualTo("arn:aws:iam::222222222222:policy/shared");
        assertThat(created.attributes()).containsEntry("AttachmentCount", 1).containsEntry("DefaultVersionId", "v1")
                .containsEntry("PolicyArn", created.physicalId());
        assertThat(decide(role, "sqs:SendMessage", "arn:aws:sqs:us-east-1:222222222222:q")).isEqualTo(Decision.ALLOW);

        Map<String, Object> v2 = Map.of("ManagedPolicyName", "shared", "Roles", List.of("fn-role"),
                "PolicyDocument", allowDocument("sns:Publish", "*"));
        ProvisionResult updated = managed.update(ctx, created, v1, v2);

        assertThat(updated.attributes()).containsEntry("DefaultVersionId", "v2")
                .containsEntry("PolicyId", created.attributes().get("PolicyId"));
        assertThat(decide(role, "sns:Publish", "arn:aws:sns:us-east-1:222222222222:t")).isEqualTo(Decision.ALLOW);
        assertThat(decide(role, "sqs:SendMessage", "arn:aws:sqs:us-east-1:222222222222:q")).isEqualTo(Decision.IMPLICIT_DENY);

        managed.delete(ctx, updated);
        assertThat(cloud.state.iam().policy(created.physicalId())).isEmpty();
        assertThat(role.attachedPolicyArns()).isEmpty();
    }
}
