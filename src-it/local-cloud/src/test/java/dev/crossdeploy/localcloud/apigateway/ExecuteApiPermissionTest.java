package dev.crossdeploy.localcloud.apigateway;

import dev.crossdeploy.localcloud.LocalCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static dev.crossdeploy.localcloud.apigateway.ApiStacks.get;
import static dev.crossdeploy.localcloud.apigateway.ApiStacks.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API Gateway calls a function only when the function's resource policy lets
 * apigateway.amazonaws.com invoke it for the route's source ARN; else the client gets a 500.
 */
class ExecuteApiPermissionTest {
    private static final String TEMPLATE = """
            Parameters:
              FunctionGrant: {Type: String, Default: none}
              AliasGrant: {Type: String, Default: none}
            Conditions:
              FunctionPost: !Equals [!Ref FunctionGrant, post]
              FunctionGet: !Equals [!Ref FunctionGrant, get]
              FunctionAll: !Equals [!Ref FunctionGrant, all]
              AliasRoute: !Equals [!Ref AliasGrant, route]
            Resources:
              FnRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: guarded
                  Runtime: java21
                  Handler: example.Guarded::handleRequest
                  Role: !GetAtt FnRole.Arn
                  Code: {ZipFile: "placeholder"}
              FnVersion:
                Type: AWS::Lambda::Version
                Properties: {FunctionName: !Ref Fn}
              Live:
                Type: AWS::Lambda::Alias
                Properties: {FunctionName: !Ref Fn, FunctionVersion: !GetAtt FnVersion.Version, Name: live}
              PostPermission:
                Type: AWS::Lambda::Permission
                Condition: FunctionPost
                Properties:
                  FunctionName: !Ref Fn
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/POST/open"
              GetPermission:
                Type: AWS::Lambda::Permission
                Condition: FunctionGet
                Properties:
                  FunctionName: !Ref Fn
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/GET/open"
              AllPermission:
                Type: AWS::Lambda::Permission
                Condition: FunctionAll
                Properties:
                  FunctionName: !Ref Fn
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"
              AliasPermission:
                Type: AWS::Lambda::Permission
                Condition: AliasRoute
                Properties:
                  FunctionName: !Ref Live
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/staging/GET/secret"
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties: {Name: guarded}
              Open:
                Type: AWS::ApiGateway::Resource
                Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: open}
              Secret:
                Type: AWS::ApiGateway::Resource
                Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: secret}
              OpenGet:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref Api
                  ResourceId: !Ref Open
                  HttpMethod: GET
                  Integration:
                    Type: AWS_PROXY
                    IntegrationHttpMethod: POST
                    Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"
              SecretGet:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref Api
                  ResourceId: !Ref Secret
                  HttpMethod: GET
                  Integration:
                    Type: AWS_PROXY
                    IntegrationHttpMethod: POST
                    Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Live}/invocations"
              Deployment:
                Type: AWS::ApiGateway::Deployment
                DependsOn: [OpenGet, SecretGet]
                Properties: {RestApiId: !Ref Api, StageName: staging}
            Outputs:
              ApiUrl: {Value: !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/staging"}
            """;

    private static TestFunctions functions;
    private static LocalCloud cloud;
    private static ApiStacks stacks;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).resourceDelayMillis(1).module(state -> functions = new TestFunctions(state)).start();
        stacks = new ApiStacks(cloud);
    }

    @AfterAll
    static void stop() { cloud.close(); }

    @BeforeEach
    void reset() { cloud.reset(); }

    /**
     * Deploys the API with the function's permission for: none, "post" (another method), "get" or
     * "all" routes; and the alias's permission for: none or "route" (GET /secret on stage staging).
     */
    private static URI deploy(String functionGrant, String aliasGrant) {
        String apiUrl = stacks.deploy("guarded", TEMPLATE, Map.of("FunctionGrant", functionGrant, "AliasGrant", aliasGrant)).get("ApiUrl");
        return ExecuteApiUrls.local(apiUrl, cloud.endpoint());
    }

    @Test
    void withoutAPermissionTheFunctionIsNotCalled() {
        URI stage = deploy("none", "none");

        HttpResponse<byte[]> response = get(URI.create(stage + "/open"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(text(response)).isEqualTo("{\"message\": \"Internal server error\"}");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InternalServerErrorException");
        assertThat(functions.invocations()).isEmpty();
    }

    @Test
    void aPermissionWhoseSourceArnMatchesTheRouteLetsTheCallThrough() {
        URI stage = deploy("post", "none");
        assertThat(get(URI.create(stage + "/open")).statusCode()).as("permission for another method").isEqualTo(500);

        deploy("get", "none");

        HttpResponse<byte[]> response = get(URI.create(stage + "/open"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("ok");
        assertThat(functions.invocations()).hasSize(1);
    }

    @Test
    void anAliasIntegrationNeedsAPermissionOnTheAlias() {
        URI stage = deploy("all", "none");
        assertThat(get(URI.create(stage + "/secret")).statusCode()).as("the function's permission does not cover its alias").isEqualTo(500);

        deploy("all", "route");

        assertThat(get(URI.create(stage + "/secret")).statusCode()).isEqualTo(200);
        assertThat(functions.invocations().get(0).functionArn()).endsWith(":function:guarded:live");
    }
}
