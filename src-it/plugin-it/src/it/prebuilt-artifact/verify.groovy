import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud
import groovy.json.JsonSlurper

def sha = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/artifact.json')).sha256
def key = "prebuilt-artifact/${sha}.zip".toString()
def log = BuildLog.of(basedir)
log.invocation(1).shows("Lambda artifact prebuilt-artifact-1.0-lambda.zip").lacks('upload-to-account')
log.invocation(2)
        .showsInOrder("Uploaded artifact to s3://crossdeploy-artifacts-333333333333-us-east-1/${key}",
                'Stack prebuilt-artifact-qa is CREATE_COMPLETE')
        .lacks('maven-compiler-plugin', 'maven-jar-plugin', ':package', 'Lambda artifact ')

assert ItCloud.artifactKeys(localCloudPort, 'qa') == [key]
assert ItCloud.artifactSha256(localCloudPort, 'qa', key) == sha
def stack = ItCloud.stack(localCloudPort, 'qa', 'prebuilt-artifact-qa')
assert ItCloud.stackParameters(localCloudPort, 'qa', 'prebuilt-artifact-qa').ArtifactKey == key
assert stack.tags().find { it.key() == 'crossdeploy:artifact-sha256' }?.value() == sha
