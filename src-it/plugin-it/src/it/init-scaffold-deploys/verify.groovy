import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud
import dev.crossdeploy.it.ItStacks
import groovy.json.JsonSlurper
import software.amazon.awssdk.core.SdkBytes
import software.amazon.awssdk.services.lambda.LambdaClient

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse

def log = BuildLog.of(basedir)
log.invocation(1).showsInOrder(
        'Scaffolding init-scaffold-deploys in ',
        'src/main/cloudformation/template.yaml', 'crossdeploy-stages.yaml', 'buildspec.yml', '.mvn/jvm.config',
        'src/main/java/dev/crossdeploy/it/InitScaffoldDeploysHandler.java',
        'Next:',
        '1. mvn crossdeploy:bootstrap -Dcrossdeploy.trustAccount=<pipeline account id>',
        '2. mvn package crossdeploy:package',
        '3. mvn crossdeploy:upload-to-account crossdeploy:deploy-stack -Dstage=staging')
log.invocation(1).lacks('Declare the plugin')
assert log.invocation(2).failure() == 'crossdeploy:init wrote nothing: src/main/cloudformation/template.yaml,' +
        ' crossdeploy-stages.yaml, buildspec.yml and .mvn/jvm.config exist already; rerun with' +
        ' -Dcrossdeploy.skipExisting=true to write only the missing files, or -Dcrossdeploy.overwrite=true to replace them.'
['src/main/cloudformation/template.yaml', 'crossdeploy-stages.yaml', 'buildspec.yml', '.mvn/jvm.config'].each {
    assert new File(basedir, it).isFile() : "init did not write ${it}"
}
// The stage came from the scaffolded stages file, the only place it is configured.
log.invocation(4).shows('Deploying stack init-scaffold-deploys-staging to stage staging (account 222222222222, us-east-1)',
        'Stack init-scaffold-deploys-staging is CREATE_COMPLETE')

def stack = ItStacks.stack(localCloudPort, 'staging', 'init-scaffold-deploys-staging')
assert stack.stackStatusAsString() == 'CREATE_COMPLETE'
assert ItStacks.resources(localCloudPort, 'staging', 'init-scaffold-deploys-staging').keySet().containsAll(
        ['Function', 'FunctionRole', 'FunctionLogGroup', 'Table', 'Api', 'ApiStage'])
def outputs = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/staging-outputs.json'))
assert outputs.FunctionName == 'init-scaffold-deploys-staging'

// The scaffolded handler runs: invoked directly through the Lambda API...
def lambda = ItCloud.client(LambdaClient.builder(), localCloudPort, 'staging')
try {
    def response = lambda.invoke { it.functionName('init-scaffold-deploys-staging').payload(SdkBytes.fromUtf8String('{}')) }
    assert response.functionError() == null : response.payload().asUtf8String()
    def answer = new JsonSlurper().parseText(response.payload().asUtf8String())
    assert answer.statusCode == 200
    assert answer.body == 'Hello from init-scaffold-deploys in staging'
} finally {
    lambda.close()
}
// ...and through the API, which the local cloud serves under its own endpoint.
def apiId = (outputs.ApiUrl =~ /^https:\/\/([a-z0-9]+)\.execute-api\./)[0][1]
def http = HttpClient.newHttpClient()
def page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:${localCloudPort}/_aws/execute-api/${apiId}/staging/hello")).build(),
        HttpResponse.BodyHandlers.ofString())
assert page.statusCode() == 200 : page.body()
assert page.body() == 'Hello from init-scaffold-deploys in staging'
