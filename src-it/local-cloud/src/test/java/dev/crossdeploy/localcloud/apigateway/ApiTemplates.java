package dev.crossdeploy.localcloud.apigateway;

/** Template fragments for REST API resources and Lambda proxy methods on the API {@code Api}. */
final class ApiTemplates {
    private ApiTemplates() {}

    /** A path part under {@code parent} (a resource id expression, e.g. {@code !Ref Notes}). */
    static String resource(String logicalId, String parent, String part) {
        return """
                  %s:
                    Type: AWS::ApiGateway::Resource
                    Properties: {RestApiId: !Ref Api, ParentId: %s, PathPart: "%s"}
                """.formatted(logicalId, parent, part);
    }

    /**
     * A method with an AWS_PROXY integration calling {@code uriFunction} (a Sub expression, e.g.
     * {@code ${Fn.Arn}}); {@code extraIntegration} adds integration lines, e.g. a timeout.
     */
    static String method(String logicalId, String resource, String verb, String uriFunction, String extraIntegration) {
        return """
                  %s:
                    Type: AWS::ApiGateway::Method
                    Properties:
                      RestApiId: !Ref Api
                      ResourceId: %s
                      HttpMethod: %s
                      AuthorizationType: NONE
                      Integration:
                        Type: AWS_PROXY
                        IntegrationHttpMethod: POST
                        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/%s/invocations"%s
                """.formatted(logicalId, resource, verb, uriFunction, extraIntegration);
    }
}
