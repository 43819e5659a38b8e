package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.ApiResourceHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.DeploymentHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.MethodHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.RestApiHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.RestApis;
import dev.crossdeploy.localcloud.cloudformation.resources.apigateway.StageHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API Gateway types as a template builds a REST API: API, resource, method, deployment, stage. */
class ApiGatewayHandlersTest {
    @TempDir Path dir;
    private ResourceFixture cloud;
    private final RestApiHandler apis = new RestApiHandler();
    private final ApiResourceHandler resources = new ApiResourceHandler();
    private final MethodHandler methods = new MethodHandler();
    private final DeploymentHandler deployments = new DeploymentHandler();
    private final StageHandler stages = new StageHandler();

    private String apiId;
    private String rootId;

    @BeforeEach
    void setUp() throws Exception {
        cloud = new ResourceFixture(dir);
        ProvisionResult api = apis.create(cloud.root("Api"), Map.of("Name", "orders"));
        apiId = api.physicalId();
        rootId = (String) api.attributes().get("RootResourceId");
    }

    private Map<String, Object> proxyMethod(String resourceId) {
        return Map.of("RestApiId", apiId, "ResourceId", resourceId, "HttpMethod", "GET",
                "Integration", Map.of("Type", "AWS_PROXY", "IntegrationHttpMethod", "POST",
                        "Uri", "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:222222222222:function:f/invocations"));
    }

    @Test
    void aRestApiHasAnIdAndARootResource() {
        assertThat(apiId).matches("[a-z0-9]{10}");
        assertThat(rootId).matches("[a-z0-9]{10}").isNotEqualTo(apiId);
    }

    @Test
    void resourcesHangUnderExistingParentsOnly() throws Exception {
        ProvisionResult orders = resources.create(cloud.root("Orders"), Map.of("RestApiId", apiId, "ParentId", rootId, "PathPart", "orders"));
        assertThat(orders.attributes()).containsEntry("ResourceId", orders.physicalId());
        resources.create(cloud.root("Order"), Map.of("RestApiId", apiId, "ParentId", orders.physicalId(), "PathPart", "{id}"));

        assertThatThrownBy(() -> resources.create(cloud.root("Again"), Map.of("RestApiId", apiId, "ParentId", rootId, "PathPart", "orders")))
                .hasMessageContaining("\"Another resource with the same parent already has this name: orders (Service: ApiGateway, Status Code: 409");
        assertThatThrownBy(() -> resources.create(cloud.root("Lost"), Map.of("RestApiId", apiId, "ParentId", "nosuch", "PathPart", "x")))
                .hasMessageContaining("\"Invalid Resource identifier specified (Service: ApiGateway, Status Code: 404")
                .hasMessageEndingWith("HandlerErrorCode: NotFound)");
        assertThatThrownBy(() -> resources.create(cloud.root("Lost"), Map.of("RestApiId", "nosuchapi0", "ParentId", rootId, "PathPart", "x")))
                .hasMessageContaining("\"Invalid API identifier specified 222222222222:nosuchapi0 (Service: ApiGateway, Status Code: 404");
    }

    @Test
    void methodsNeedAnIntegrationHttpMethodAndAreUniquePerResource() throws Exception {
        Map<String, Object> missingVerb = new HashMap<>(proxyMethod(rootId));
        missingVerb.put("Integration", Map.of("Type", "AWS_PROXY", "Uri", "arn:aws:apigateway:us-east-1:lambda:path/x"));
        assertThatThrownBy(() -> methods.create(cloud.root("Get"), missingVerb))
                .hasMessageContaining("\"Enumeration value for HttpMethod must be non-empty (Service: ApiGateway, Status Code: 400");

        ProvisionResult get = methods.create(cloud.root("Get"), proxyMethod(rootId));
        assertThat(get.physicalId()).matches("order-get-[a-z0-9]{12}");
        assertThatThrownBy(() -> methods.create(cloud.root("Get2"), proxyMethod(rootId)))
                .hasMessageContaining("\"Method already exists for this resource (Service: ApiGateway, Status Code: 409");
    }

    @Test
    void aMethodWithoutAuthorizationTypeIsAcceptedAsCloudFormationDefaultsIt() {
        assertThat(methods.validate(proxyMethod(rootId))).isEmpty();
        assertThat(methods.validate(Map.of("RestApiId", apiId))).containsExactly(
                "#: required key [HttpMethod] not found", "#: required key [ResourceId] not found");
    }

    @Test
    void anApiWithoutMethodsCannotBeDeployed() {
        assertThatThrownBy(() -> deployments.create(cloud.root("Deployment"), Map.of("RestApiId", apiId)))
                .hasMessageContaining("\"The REST API doesn't contain any methods (Service: ApiGateway, Status Code: 400")
                .hasMessageEndingWith("HandlerErrorCode: InvalidRequest)");
    }

    @Test
    void aStageOfADeploymentIsInvokedAtItsExecuteApiUrl() throws Exception {
        methods.create(cloud.root("Get"), proxyMethod(rootId));
        ProvisionResult deployment = deployments.create(cloud.root("Deployment"), Map.of("RestApiId", apiId));
        assertThat(deployment.attributes()).containsEntry("DeploymentId", deployment.physicalId());

        ProvisionResult stage = stages.create(cloud.root("Stage"),
                Map.of("RestApiId", apiId, "StageName", "prod", "DeploymentId", deployment.physicalId()));

        assertThat(stage.physicalId()).isEqualTo("prod");
        assertThat(RestApis.invokeUrl(apiId, "us-east-1", stage.physicalId()))
                .isEqualTo("https://" + apiId + ".execute-api.us-east-1.amazonaws.com/prod");
        assertThatThrownBy(() -> deployments.delete(cloud.root("Deployment"), deployment))
                .hasMessageContaining("\"Active stages pointing to this deployment must be moved or deleted (Service: ApiGateway, Status Code: 400");

        stages.delete(cloud.root("Stage"), stage);
        deployments.delete(cloud.root("Deployment"), deployment);
    }

    @Test
    void aDeploymentStageNameAndAStageOfTheSameNameCollide() throws Exception {
        methods.create(cloud.root("Get"), proxyMethod(rootId));
        ProvisionResult deployment = deployments.create(cloud.root("Deployment"), Map.of("RestApiId", apiId, "StageName", "prod"));

        assertThatThrownBy(() -> stages.create(cloud.root("Stage"),
                Map.of("RestApiId", apiId, "StageName", "prod", "DeploymentId", deployment.physicalId())))
                .hasMessageContaining("\"Stage already exists (Service: ApiGateway, Status Code: 409")
                .hasMessageEndingWith("HandlerErrorCode: AlreadyExists)");

        // The stage the deployment made goes away with it.
        deployments.delete(cloud.root("Deployment"), deployment);
        assertThat(ResourceRecords.of(cloud.state).list("222222222222", "us-east-1", "AWS::ApiGateway::Stage")).isEmpty();
    }

    @Test
    void stagesOfTheSameNameInTwoApisAreIndependent() throws Exception {
        ProvisionResult other = apis.create(cloud.root("OtherApi"), Map.of("Name", "billing"));
        methods.create(cloud.root("Get"), proxyMethod(rootId));
        methods.create(cloud.root("OtherGet"), Map.of("RestApiId", other.physicalId(),
                "ResourceId", other.attributes().get("RootResourceId"), "HttpMethod", "ANY", "Integration", Map.of("Type", "MOCK")));
        String d1 = deployments.create(cloud.root("D1"), Map.of("RestApiId", apiId)).physicalId();
        String d2 = deployments.create(cloud.root("D2"), Map.of("RestApiId", other.physicalId())).physicalId();

        ProvisionResult s1 = stages.create(cloud.root("S1"), Map.of("RestApiId", apiId, "StageName", "prod", "DeploymentId", d1));
        ProvisionResult s2 = stages.create(cloud.root("S2"), Map.of("RestApiId", other.physicalId(), "StageName", "prod", "DeploymentId", d2));

        stages.delete(cloud.root("S2"), s2);
        assertThat(ResourceRecords.of(cloud.state).list("222222222222", "us-east-1", "AWS::ApiGateway::Stage"))
                .extracting(ResourceRecords.Entry::scope).containsExactly(apiId);
        assertThat(s1.physicalId()).isEqualTo("prod");
    }

    @Test
    void aStageMustPointAtADeploymentOfItsApi() {
        assertThatThrownBy(() -> stages.create(cloud.root("Stage"), Map.of("RestApiId", apiId, "StageName", "prod", "DeploymentId", "abc123")))
                .hasMessageContaining("\"Invalid Deployment identifier specified (Service: ApiGateway, Status Code: 404");
    }
}
