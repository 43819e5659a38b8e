package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.FunctionHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.ACCOUNT;
import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS::Lambda::Function: runtime, role and code checks in Lambda's words; attributes. */
class FunctionHandlerTest {
    @TempDir Path dir;
    private ResourceFixture cloud;
    private final FunctionHandler functions = new FunctionHandler();
    private String roleArn;

    @BeforeEach
    void setUp() {
        cloud = new ResourceFixture(dir);
        roleArn = cloud.state.iam().createRole(ACCOUNT, "fn-role", "/", ResourceFixture.trust("lambda.amazonaws.com"), null, null).arn();
    }

    private Map<String, Object> inline(String name) {
        Map<String, Object> p = new HashMap<>();
        if (name != null) p.put("FunctionName", name);
        p.put("Runtime", "java21");
        p.put("Handler", "com.example.Handler::handleRequest");
        p.put("Role", roleArn);
        p.put("MemorySize", "1024");
        p.put("Code", Map.of("ZipFile", "exports.handler = async () => 'ok';"));
        return p;
    }

    @Test
    void refIsTheFunctionNameAndArnIsInTheStacksRegion() throws Exception {
        ProvisionResult result = functions.create(cloud.root("Fn"), inline("orders"));

        assertThat(result.physicalId()).isEqualTo("orders");
        assertThat(result.attributes()).containsEntry("Arn", "arn:aws:lambda:us-east-1:222222222222:function:orders")
                .containsEntry("SnapStartResponse.ApplyOn", "None")
                .containsEntry("SnapStartResponse.OptimizationStatus", "Off");
    }

    @Test
    void snapStartOnPublishedVersionsIsAccepted() throws Exception {
        Map<String, Object> props = inline(null);
        props.put("SnapStart", Map.of("ApplyOn", "PublishedVersions"));

        ProvisionResult result = functions.create(cloud.root("Fn"), props);

        assertThat(result.physicalId()).matches("orders-api-Fn-[A-Z0-9]{13}");
        assertThat(result.attributes()).containsEntry("SnapStartResponse.ApplyOn", "PublishedVersions")
                .containsEntry("SnapStartResponse.OptimizationStatus", "On");
    }

    @Test
    void aRoleLambdaCannotAssumeIsRefused() {
        String codeBuildRole = cloud.state.iam().createRole(ACCOUNT, "cb-role", "/",
                ResourceFixture.trust("codebuild.amazonaws.com"), null, null).arn();
        Map<String, Object> props = inline("f");
        props.put("Role", codeBuildRole);

        assertThatThrownBy(() -> functions.create(cloud.root("Fn"), props))
                .hasMessageStartingWith("Resource handler returned message: \"The role defined for the function cannot be assumed by Lambda."
                        + " (Service: Lambda, Status Code: 400, Request ID: ")
                .hasMessageEndingWith("HandlerErrorCode: InvalidRequest)");
    }

    @Test
    void aRoleThatDoesNotExistCannotBeAssumedEither() {
        Map<String, Object> props = inline("f");
        props.put("Role", "arn:aws:iam::222222222222:role/missing");

        assertThatThrownBy(() -> functions.create(cloud.root("Fn"), props))
                .hasMessageContaining("The role defined for the function cannot be assumed by Lambda.");
    }

    @Test
    void aDeprecatedRuntimeIsRefusedWithLambdasRecommendation() {
        Map<String, Object> props = inline("f");
        props.put("Runtime", "java8");

        assertThatThrownBy(() -> functions.create(cloud.root("Fn"), props))
                .hasMessageContaining("\"The runtime parameter of java8 is no longer supported for creating or updating AWS Lambda functions."
                        + " We recommend you use the new runtime (java21) while creating or updating functions. (Service: Lambda, Status Code: 400");
    }

    @Test
    void anUnknownRuntimeFailsLambdasEnumConstraint() {
        Map<String, Object> props = inline("f");
        props.put("Runtime", "java22");

        assertThatThrownBy(() -> functions.create(cloud.root("Fn"), props))
                .hasMessageContaining("\"1 validation error detected: Value 'java22' at 'runtime' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: [nodejs24.x, ")
                .hasMessageContaining("java17")
                .hasMessageContaining("] or be a valid ARN (Service: Lambda, Status Code: 400");
    }

    @Test
    void currentRuntimesAreAccepted() throws Exception {
        for (String runtime : new String[] {"java21", "java17", "java11", "python3.12", "nodejs20.x", "nodejs22.x", "provided.al2023"}) {
            Map<String, Object> props = inline("f-" + runtime.replace('.', '-'));
            props.put("Runtime", runtime);
            assertThat(functions.create(cloud.root("Fn"), props).physicalId()).startsWith("f-");
        }
    }

    @Test
    void memoryBelowLambdasMinimumIsRefused() {
        Map<String, Object> props = inline("f");
        props.put("MemorySize", 64);

        assertThatThrownBy(() -> functions.create(cloud.root("Fn"), props))
                .hasMessageContaining("\"1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 128 (Service: Lambda");
    }

    @Test
    void zipCodeNeedsRuntimeAndHandler() throws Exception {
        Map<String, Object> props = inline("f");
        props.remove("Handler");

        assertThatThrownBy(() -> functions.create(cloud.root("Fn"), props))
                .hasMessageContaining("\"Runtime and Handler are mandatory parameters for functions created with deployment packages.");

        props.put("Runtime", "provided.al2023");
        assertThat(functions.create(cloud.root("Fn"), props).physicalId()).isEqualTo("f");
    }

    @Test
    void codeInABucketThatDoesNotExistFailsAsLambdasGetObject() {
        Map<String, Object> props = inline("f");
        props.put("Code", Map.of("S3Bucket", "no-such-artifacts", "S3Key", "orders/app.zip"));

        assertThatThrownBy(() -> functions.create(cloud.root("Fn"), props))
                .hasMessageStartingWith("Resource handler returned message: \"Error occurred while GetObject. S3 Error Code: NoSuchBucket."
                        + " S3 Error Message: The specified bucket does not exist (Service: Lambda, Status Code: 400, Request ID: ")
                .hasMessageEndingWith("HandlerErrorCode: InvalidRequest)");
    }

    private Map<String, Object> fromS3(String bucket, String key) {
        Map<String, Object> props = inline("f");
        props.put("Code", Map.of("S3Bucket", bucket, "S3Key", key));
        return props;
    }

    private void upload(String account, String region, String bucket, String key) {
        cloud.state.s3().createBucket(account, region, bucket);
        cloud.state.s3().writeObject(bucket, key, new java.io.ByteArrayInputStream("zip".getBytes()), "application/zip");
    }

    @Test
    void codeFromAnObjectInTheSameAccountAndRegionIsAccepted() throws Exception {
        upload(ACCOUNT, "us-east-1", "artifacts", "orders/app.zip");

        assertThat(functions.create(cloud.root("Fn"), fromS3("artifacts", "orders/app.zip")).physicalId()).isEqualTo("f");
    }

    @Test
    void aMissingKeyFailsAsLambdasGetObject() {
        upload(ACCOUNT, "us-east-1", "artifacts", "orders/app.zip");

        assertThatThrownBy(() -> functions.create(cloud.root("Fn"), fromS3("artifacts", "orders/other.zip")))
                .hasMessageStartingWith("Resource handler returned message: \"Error occurred while GetObject. S3 Error Code: NoSuchKey."
                        + " S3 Error Message: The specified key does not exist. (Service: Lambda, Status Code: 400, Request ID: ")
                .hasMessageEndingWith("HandlerErrorCode: InvalidRequest)");
    }

    @Test
    void aBucketInAnotherRegionRedirects() {
        upload(ACCOUNT, "eu-west-1", "artifacts-eu", "app.zip");

        assertThatThrownBy(() -> functions.create(cloud.root("Fn"), fromS3("artifacts-eu", "app.zip")))
                .hasMessageContaining("\"Error occurred while GetObject. S3 Error Code: PermanentRedirect. S3 Error Message:"
                        + " The bucket is in this region: eu-west-1. Please use this region to retry the request (Service: Lambda");
    }

    @Test
    void anotherAccountsBucketNeedsAPolicyGrantingTheRead() {
        upload(ResourceFixture.OTHER_ACCOUNT, "us-east-1", "qa-artifacts", "app.zip");

        assertThatThrownBy(() -> functions.create(cloud.root("Fn"), fromS3("qa-artifacts", "app.zip")))
                .hasMessageContaining("\"Your access has been denied by S3, please make sure your request credentials have permission"
                        + " to GetObject for qa-artifacts/app.zip. S3 Error Code: AccessDenied. S3 Error Message: Access Denied"
                        + " (Service: Lambda, Status Code: 403")
                .hasMessageEndingWith("HandlerErrorCode: AccessDenied)");
    }

    @Test
    void anotherAccountsBucketWhosePolicyGrantsTheReadIsUsable() throws Exception {
        upload(ResourceFixture.OTHER_ACCOUNT, "us-east-1", "qa-artifacts", "app.zip");
        cloud.state.s3().putBucketPolicy("qa-artifacts", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::qa-artifacts/*\"}]}");

        assertThat(functions.create(cloud.root("Fn"), fromS3("qa-artifacts", "app.zip")).physicalId()).isEqualTo("f");
    }

    @Test
    void anAssumedRoleMustBeAllowedToReadTheCode() {
        upload(ACCOUNT, "us-east-1", "artifacts", "app.zip");
        Principal cfn = cloud.assumedRole("cfn-exec", allow("lambda:*", "*"), allow("iam:PassRole", "*"));

        assertThatThrownBy(() -> functions.create(cloud.context("Fn", cfn), fromS3("artifacts", "app.zip")))
                .hasMessageContaining("Your access has been denied by S3");
    }

    @Test
    void theCallerMustBeAllowedToPassTheRole() {
        Principal cfn = cloud.assumedRole("cfn-exec", allow("lambda:*", "*"));

        assertThatThrownBy(() -> functions.create(cloud.context("Fn", cfn), inline("f")))
                .hasMessageStartingWith("Resource handler returned message: \"User: arn:aws:sts::222222222222:assumed-role/cfn-exec/AWSCloudFormation"
                        + " is not authorized to perform: iam:PassRole on resource: " + roleArn
                        + " because no identity-based policy allows the iam:PassRole action (Service: Lambda, Status Code: 403, Request ID: ")
                .hasMessageEndingWith("HandlerErrorCode: AccessDenied)");
    }

    @Test
    void theCallerMustBeAllowedToCreateTheFunction() {
        Principal cfn = cloud.assumedRole("cfn-exec", allow("iam:PassRole", "*"));

        assertThatThrownBy(() -> functions.create(cloud.context("Fn", cfn), inline("f")))
                .hasMessageContaining("is not authorized to perform: lambda:CreateFunction on resource:"
                        + " arn:aws:lambda:us-east-1:222222222222:function:f because no identity-based policy allows"
                        + " the lambda:CreateFunction action (Service: Lambda, Status Code: 403");
    }

    @Test
    void aCodeOnlyUpdateNeedsUpdateFunctionCodeOnly() throws Exception {
        Map<String, Object> before = inline("f");
        ProvisionResult created = functions.create(cloud.root("Fn"), before);
        Principal deployer = cloud.assumedRole("deployer", allow("lambda:UpdateFunctionCode", "*"));
        ResourceContext ctx = cloud.context("Fn", deployer);

        Map<String, Object> newCode = new HashMap<>(before);
        newCode.put("Code", Map.of("ZipFile", "v2"));
        newCode.put("MemorySize", 1024);
        assertThat(functions.update(ctx, created, before, newCode)).isEqualTo(created);

        Map<String, Object> moreMemory = new HashMap<>(newCode);
        moreMemory.put("MemorySize", 2048);
        assertThatThrownBy(() -> functions.update(ctx, created, newCode, moreMemory))
                .hasMessageContaining("is not authorized to perform: lambda:UpdateFunctionConfiguration on resource:"
                        + " arn:aws:lambda:us-east-1:222222222222:function:f");
    }

    @Test
    void updatesCheckTheNewRoleAndKeepTheArn() throws Exception {
        ResourceContext ctx = cloud.root("Fn");
        Map<String, Object> before = inline("f");
        ProvisionResult created = functions.create(ctx, before);

        Map<String, Object> badRole = new HashMap<>(before);
        badRole.put("Role", "arn:aws:iam::222222222222:role/missing");
        assertThatThrownBy(() -> functions.update(ctx, created, before, badRole))
                .hasMessageContaining("The role defined for the function cannot be assumed by Lambda.");

        Map<String, Object> newCode = new HashMap<>(before);
        newCode.put("Code", Map.of("ZipFile", "exports.handler = async () => 'v2';"));
        newCode.put("Timeout", 30);
        ProvisionResult updated = functions.update(ctx, created, before, newCode);
        assertThat(updated).isEqualTo(created);

        functions.delete(ctx, updated);
        assertThat(ResourceRecords.of(cloud.state).list(ACCOUNT, "us-east-1", "AWS::Lambda::Function")).isEmpty();
    }
}
