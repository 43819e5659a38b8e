package dev.crossdeploy.localcloud.apigateway;

import static dev.crossdeploy.localcloud.apigateway.ApiTemplates.method;
import static dev.crossdeploy.localcloud.apigateway.ApiTemplates.resource;

/** A REST API with every kind of route, deployed to stage "staging" with Lambda proxy integrations. */
final class NotesApi {
    private NotesApi() {}

    static final String TEMPLATE = """
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
                  FunctionName: notes-fn
                  Runtime: java21
                  Handler: example.Notes::handleRequest
                  Role: !GetAtt FnRole.Arn
                  Code: {ZipFile: "placeholder"}
              OtherFn:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: notes-other
                  Runtime: java21
                  Handler: example.Other::handleRequest
                  Role: !GetAtt FnRole.Arn
                  Code: {ZipFile: "placeholder"}
              FnVersion:
                Type: AWS::Lambda::Version
                Properties: {FunctionName: !Ref Fn}
              Live:
                Type: AWS::Lambda::Alias
                Properties: {FunctionName: !Ref Fn, FunctionVersion: !GetAtt FnVersion.Version, Name: live}
              AllowFn:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !Ref Fn
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"
              AllowOther:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !GetAtt OtherFn.Arn
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"
              AllowLive:
                Type: AWS::Lambda::Permission
                Properties:
                  FunctionName: !Ref Live
                  Action: lambda:InvokeFunction
                  Principal: apigateway.amazonaws.com
                  SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"
              Api:
                Type: AWS::ApiGateway::RestApi
                Properties: {Name: notes, BinaryMediaTypes: [image/png]}
            """
            + resource("Notes", "!GetAtt Api.RootResourceId", "notes")
            + resource("Note", "!Ref Notes", "{id}")
            + resource("Special", "!Ref Notes", "special")
            + resource("Files", "!GetAtt Api.RootResourceId", "files")
            + resource("FilesProxy", "!Ref Files", "{proxy+}")
            + resource("Proxy", "!GetAtt Api.RootResourceId", "{proxy+}")
            + resource("Slow", "!GetAtt Api.RootResourceId", "slow")
            + resource("Mock", "!GetAtt Api.RootResourceId", "mock")
            + resource("Aliased", "!GetAtt Api.RootResourceId", "aliased")
            + method("RootGet", "!GetAtt Api.RootResourceId", "GET", "${Fn.Arn}", "")
            + method("NotesGet", "!Ref Notes", "GET", "${Fn.Arn}", "")
            + method("NotesAny", "!Ref Notes", "ANY", "${OtherFn.Arn}", "")
            + method("NoteGet", "!Ref Note", "GET", "${Fn.Arn}", "")
            + method("NotePut", "!Ref Note", "PUT", "${Fn.Arn}", "")
            + method("SpecialGet", "!Ref Special", "GET", "${Fn.Arn}", "")
            + method("FilesGet", "!Ref FilesProxy", "GET", "${Fn.Arn}", "")
            + method("ProxyAny", "!Ref Proxy", "ANY", "${OtherFn.Arn}", "")
            + method("SlowGet", "!Ref Slow", "GET", "${Fn.Arn}", "\n        TimeoutInMillis: 50")
            + method("AliasedGet", "!Ref Aliased", "GET", "${Fn.Arn}:${!stageVariables.alias}", "")
            + """
              MockGet:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref Api
                  ResourceId: !Ref Mock
                  HttpMethod: GET
                  AuthorizationType: NONE
                  Integration: {Type: MOCK, RequestTemplates: {application/json: '{"statusCode": 200}'}}
              Deployment:
                Type: AWS::ApiGateway::Deployment
                DependsOn: [RootGet, NotesGet, NotesAny, NoteGet, NotePut, SpecialGet, FilesGet, ProxyAny, SlowGet, AliasedGet, MockGet]
                Properties: {RestApiId: !Ref Api}
              Stage:
                Type: AWS::ApiGateway::Stage
                Properties:
                  RestApiId: !Ref Api
                  DeploymentId: !Ref Deployment
                  StageName: staging
                  Variables: {alias: live}
            Outputs:
              ApiUrl: {Value: !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}"}
              NoteResourceId: {Value: !Ref Note}
            """;
}
