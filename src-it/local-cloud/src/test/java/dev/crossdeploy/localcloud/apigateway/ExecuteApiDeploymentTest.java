package dev.crossdeploy.localcloud.apigateway;

import dev.crossdeploy.localcloud.LocalCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static dev.crossdeploy.localcloud.apigateway.ApiStacks.get;
import static org.assertj.core.api.Assertions.assertThat;

/** A stage serves the API as its deployment froze it: edits show only after a new deployment, as in AWS. */
class ExecuteApiDeploymentTest {
    private static final String TEMPLATE = """
            Parameters:
              Target: {Type: String}
            Resources:
              FnRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
              Alpha:
                Type: AWS::Lambda::Function
                Properties: {FunctionName: alpha, Runtime: java21, Handler: a.A::handle, Role: !GetAtt FnRole.Arn, Code: {ZipFile: x}}
              Beta:
                Type: AWS::Lambda::Function
                Properties: {FunctionName: beta, Runtime: java21, Handler: b.B::handle, Role: !GetAtt FnRole.Arn, Code: {ZipFile: x}}
              AllowAlpha:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !Ref Alpha
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"
              AllowBeta:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !Ref Beta
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties: {Name: versions}
              Hello:
                Type: AWS::ApiGateway::Resource
                Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: hello}
              HelloGet:
                Type: AWS::ApiGateway::Method
                DependsOn: [Alpha, Beta]
                Properties:
                  RestApiId: !Ref Api
                  ResourceId: !Ref Hello
                  HttpMethod: GET
                  Integration:
                    Type: AWS_PROXY
                    IntegrationHttpMethod: POST
                    Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Target}/invocations"
              %1$s:
                Type: AWS::ApiGateway::Deployment
                DependsOn: HelloGet
                Properties: {RestApiId: !Ref Api}
              Stage:
                Type: AWS::ApiGateway::Stage
                Properties: {RestApiId: !Ref Api, DeploymentId: !Ref %1$s, StageName: live}
            Outputs:
              ApiUrl: {Value: !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}"}
            """;

    private static TestFunctions functions;
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).resourceDelayMillis(1).module(state -> functions = new TestFunctions(state)).start();
    }

    @AfterAll
    static void stop() { cloud.close(); }

    private static String calledFunction(String target, String deployment) {
        String apiUrl = new ApiStacks(cloud).deploy("versions", TEMPLATE.formatted(deployment), Map.of("Target", target)).get("ApiUrl");
        functions.forget();
        assertThat(get(URI.create(ExecuteApiUrls.local(apiUrl, cloud.endpoint()) + "/hello")).statusCode()).isEqualTo(200);
        String arn = functions.invocations().get(0).functionArn();
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    @Test
    void anEditedMethodIsServedOnlyOnceANewDeploymentTakesIt() {
        assertThat(calledFunction("alpha", "DeploymentV1")).isEqualTo("alpha");

        assertThat(calledFunction("beta", "DeploymentV1")).as("same deployment: the stage still serves the old integration")
                .isEqualTo("alpha");

        assertThat(calledFunction("beta", "DeploymentV2")).isEqualTo("beta");
    }
}
