import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItArtifacts
import dev.crossdeploy.it.ItCloud
import dev.crossdeploy.it.ItStacks
import groovy.json.JsonSlurper

def sha = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/artifact.json')).sha256
def key = "prebuilt-artifact/${sha}.zip".toString()
def log = BuildLog.of(basedir)
log.invocation(1).shows('Lambda artifact prebuilt-artifact-1.0-lambda.zip').lacks('upload-to-account')

// The same zip, under the same content-addressed key, in each stage's own account.
def invocations = [staging: 2, qa: 3]
for (stage in invocations.keySet()) {
    def account = ItCloud.accountId(stage)
    log.invocation(invocations[stage])
            .showsInOrder("Uploaded artifact to s3://${ItArtifacts.bucket(stage)}/${key}",
                    "Stack prebuilt-artifact-${stage} is CREATE_COMPLETE",
                    "FunctionArn  arn:aws:lambda:us-east-1:${account}:function:prebuilt-artifact-${stage}")
            .lacks('maven-compiler-plugin', 'maven-jar-plugin', ':package (', 'Lambda artifact ')
    assert ItArtifacts.keys(localCloudPort, stage) == [key]
    assert ItArtifacts.sha256(localCloudPort, stage, key) == sha
    def stackName = "prebuilt-artifact-${stage}".toString()
    assert ItStacks.parameters(localCloudPort, stage, stackName).subMap('ArtifactBucket', 'ArtifactKey') ==
            [ArtifactBucket: ItArtifacts.bucket(stage), ArtifactKey: key]
    // The ArtifactKey parameter above records the artifact; stack tags hold only what stays the same
    // between deployments, as CloudFormation copies them onto every resource that supports tags.
    def tags = ItStacks.stack(localCloudPort, stage, stackName).tags().collectEntries { [it.key(), it.value()] }
    assert tags == ['crossdeploy:stage': stage]
}
