package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.FunctionAliasHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.FunctionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.PermissionHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.lambda.VersionHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.ACCOUNT;
import static dev.crossdeploy.localcloud.cloudformation.resources.ResourceFixture.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lambda versions, aliases and permissions against functions the cloud knows. */
class LambdaVersionsTest {
    private static final String FN_ARN = "arn:aws:lambda:us-east-1:222222222222:function:orders";

    @TempDir Path dir;
    private ResourceFixture cloud;
    private final FunctionHandler functions = new FunctionHandler();
    private final VersionHandler versions = new VersionHandler();
    private final FunctionAliasHandler aliases = new FunctionAliasHandler();
    private final PermissionHandler permissions = new PermissionHandler();
    private ProvisionResult function;

    @BeforeEach
    void setUp() throws Exception {
        cloud = new ResourceFixture(dir);
        String role = cloud.state.iam().createRole(ACCOUNT, "fn-role", "/", ResourceFixture.trust("lambda.amazonaws.com"), null, null).arn();
        function = functions.create(cloud.root("Fn"), Map.of("FunctionName", "orders", "Runtime", "java21",
                "Handler", "example.Handler", "Role", role, "Code", Map.of("ZipFile", "code"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
    }

    @Test
    void versionsAreNumberedOneTwoThreePerFunction() throws Exception {
        ProvisionResult v1 = versions.create(cloud.root("V1"), Map.of("FunctionName", "orders"));
        ProvisionResult v2 = versions.create(cloud.root("V2"), Map.of("FunctionName", FN_ARN));

        assertThat(v1.physicalId()).isEqualTo(FN_ARN + ":1");
        assertThat(v1.attributes()).containsEntry("Version", "1").containsEntry("FunctionArn", FN_ARN);
        assertThat(v2.attributes()).containsEntry("Version", "2");

        versions.delete(cloud.root("V2"), v2);
        assertThat(versions.create(cloud.root("V3"), Map.of("FunctionName", "orders")).attributes()).containsEntry("Version", "3");
    }

    @Test
    void aRecreatedFunctionStartsItsVersionsAgain() throws Exception {
        versions.create(cloud.root("V1"), Map.of("FunctionName", "orders"));
        functions.delete(cloud.root("Fn"), function);
        setUpAgain();

        assertThat(versions.create(cloud.root("V1"), Map.of("FunctionName", "orders")).attributes()).containsEntry("Version", "1");
    }

    private void setUpAgain() throws Exception {
        function = functions.create(cloud.root("Fn"), Map.of("FunctionName", "orders", "Runtime", "java21",
                "Handler", "example.Handler", "Role", "arn:aws:iam::222222222222:role/fn-role", "Code", Map.of("ZipFile", "code")));
    }

    @Test
    void aRefusedPublishDoesNotUseUpANumber() throws Exception {
        Principal cfn = cloud.assumedRole("cfn-exec", allow("lambda:GetFunction", "*"));
        assertThatThrownBy(() -> versions.create(cloud.context("V1", cfn), Map.of("FunctionName", "orders")))
                .hasMessageContaining("is not authorized to perform: lambda:PublishVersion on resource: " + FN_ARN);

        assertThat(versions.create(cloud.root("V1"), Map.of("FunctionName", "orders")).attributes()).containsEntry("Version", "1");
    }

    @Test
    void aVersionOfAnUnknownFunctionIsNotFound() {
        assertThatThrownBy(() -> versions.create(cloud.root("V1"), Map.of("FunctionName", "missing")))
                .hasMessageContaining("\"Function not found: arn:aws:lambda:us-east-1:222222222222:function:missing (Service: Lambda, Status Code: 404")
                .hasMessageEndingWith("HandlerErrorCode: NotFound)");
    }

    @Test
    void aCodeSha256ThatDoesNotMatchIsRefused() {
        assertThatThrownBy(() -> versions.create(cloud.root("V1"), Map.of("FunctionName", "orders", "CodeSha256", "abc")))
                .hasMessageContaining("CodeSHA256 (abc) you specified does not match the current CodeSHA256");
    }

    @Test
    void aliasesPointAtExistingVersions() throws Exception {
        versions.create(cloud.root("V1"), Map.of("FunctionName", "orders"));

        ProvisionResult live = aliases.create(cloud.root("Live"), Map.of("FunctionName", "orders", "FunctionVersion", "1", "Name", "live"));
        assertThat(live.physicalId()).isEqualTo(FN_ARN + ":live");
        assertThat(live.attributes()).containsEntry("AliasArn", FN_ARN + ":live");

        assertThatThrownBy(() -> aliases.update(cloud.root("Live"), live,
                Map.of("FunctionName", "orders", "FunctionVersion", "1", "Name", "live"),
                Map.of("FunctionName", "orders", "FunctionVersion", "7", "Name", "live")))
                .hasMessageContaining("\"Function not found: " + FN_ARN + ":7 (Service: Lambda, Status Code: 404");
        assertThat(aliases.create(cloud.root("Latest"), Map.of("FunctionName", "orders", "FunctionVersion", "$LATEST", "Name", "edge"))
                .physicalId()).isEqualTo(FN_ARN + ":edge");
    }

    @Test
    void permissionsNeedTheFunctionAndReplaceOnEveryChange() throws Exception {
        Map<String, Object> props = Map.of("FunctionName", FN_ARN, "Action", "lambda:InvokeFunction",
                "Principal", "apigateway.amazonaws.com", "SourceArn", "arn:aws:execute-api:us-east-1:222222222222:abc/*/GET/orders");

        ProvisionResult permission = permissions.create(cloud.root("InvokePermission"), props);

        assertThat(permission.attributes()).containsEntry("Id", permission.physicalId());
        assertThat(permissions.recreation("SourceArn")).isEqualTo(ResourceHandler.RequiresRecreation.ALWAYS);
        assertThatThrownBy(() -> permissions.create(cloud.root("P"), Map.of("FunctionName", "missing",
                "Action", "lambda:InvokeFunction", "Principal", "s3.amazonaws.com")))
                .hasMessageContaining("Function not found: arn:aws:lambda:us-east-1:222222222222:function:missing");
    }
}
