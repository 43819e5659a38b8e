import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItArtifacts
import dev.crossdeploy.it.ItStacks
import groovy.json.JsonSlurper

import static java.util.regex.Pattern.quote

def sha = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/artifact.json')).sha256
def bucket = 'crossdeploy-artifacts-333333333333-us-east-1'
def key = "first-deploy/${sha}.zip".toString()
def log = BuildLog.of(basedir)
log.showsInOrder(
        "Lambda artifact first-deploy-1.0-lambda.zip",
        "Uploaded artifact to s3://${bucket}/${key}",
        'Deploying stack first-deploy-qa to stage qa (account 333333333333, us-east-1)',
        '(CREATE) created',
        'Change set for stack first-deploy-qa:',
        'Executing change set',
        'Stack first-deploy-qa is CREATE_COMPLETE',
        'Outputs:', 'FunctionArn',
        'Outputs written to ')
assert log.line('ArtifactKey ') =~ /ArtifactKey\s+${quote(key)}/
// The change-set table has a row per resource; the event stream shows each one completing.
[Table: 'AWS::DynamoDB::Table', FunctionRole: 'AWS::IAM::Role', Function: 'AWS::Lambda::Function'].each { id, type ->
    assert log.lines(type).any { it =~ /Add\s+${id}\s+${quote(type)}/ } : "no change-set row for ${id}"
    assert log.lines(type).any { it =~ /\d\d:\d\d:\d\d\s+${id}\s+${quote(type)}\s+CREATE_COMPLETE/ } : "no event for ${id}"
}

def stack = ItStacks.stack(localCloudPort, 'qa', 'first-deploy-qa')
assert stack.stackStatusAsString() == 'CREATE_COMPLETE'
assert ItStacks.parameters(localCloudPort, 'qa', 'first-deploy-qa') == [ArtifactBucket: bucket, ArtifactKey: key, Stage: 'qa']
assert ItArtifacts.keys(localCloudPort, 'qa') == [key]
assert ItArtifacts.sha256(localCloudPort, 'qa', key) == sha

def outputs = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/qa-outputs.json'))
assert outputs.FunctionArn == 'arn:aws:lambda:us-east-1:333333333333:function:first-deploy-qa'
assert outputs == stack.outputs().collectEntries { [it.outputKey(), it.outputValue()] }

// The deployment report: one self-contained page with the result, the artifact and a bar per resource.
def report = new File(basedir, 'target/crossdeploy/qa-report.html')
log.showsInOrder('Stack first-deploy-qa is CREATE_COMPLETE', 'Deployment report: ')
assert new File(log.line('Deployment report: ').split('Deployment report: ')[1].trim()).canonicalPath == report.canonicalPath
def page = report.text
assert page.contains('<tr><th>Result</th><td class="ok">CREATE_COMPLETE</td></tr>')
assert page.contains("<tr><th>Artifact SHA-256</th><td>${sha}</td></tr>")
['Table', 'FunctionRole', 'Function'].each { assert page.contains(">${it}</text>") : "no timeline bar for ${it}" }
assert !page.contains('<script')
