import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks
import groovy.json.JsonSlurper

def sha = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/artifact.json')).sha256
def key = "bare-lifecycle/${sha}.zip"
def log = BuildLog.of(basedir)
log.invocation(1).showsInOrder(
        'maven-compiler-plugin:', 'maven-jar-plugin:',
        ':package (', 'Lambda artifact bare-lifecycle-1.0-lambda.zip',
        ':upload-to-account (', "Uploaded artifact to s3://crossdeploy-artifacts-333333333333-us-east-1/${key}",
        ':deploy-stack (', 'Stack bare-lifecycle-qa is CREATE_COMPLETE')
log.invocation(2)
        .showsInOrder(':package (', ':upload-to-account (', "Artifact already in s3://crossdeploy-artifacts-333333333333-us-east-1/${key}",
                ':deploy-stack (', 'No changes: stack bare-lifecycle-qa already matches')
        .lacks('maven-compiler-plugin')

assert ItStacks.parameters(localCloudPort, 'qa', 'bare-lifecycle-qa').ArtifactKey == key
