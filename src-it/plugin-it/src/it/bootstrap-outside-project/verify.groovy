import dev.crossdeploy.it.BuildLog
import groovy.json.JsonSlurper

def logFile = [new File(basedir, 'build.log'), new File(basedir, 'outside/build.log')].find { it.isFile() }
assert logFile : 'no build.log'
def log = BuildLog.of(logFile.parentFile)
def outputs = new File(basedir, 'outside/bootstrap-outputs.json').canonicalFile
log.showsInOrder('Bootstrapping account 111111111111 in us-east-1 with stack crossdeploy-bootstrap: deploy role trusts account 555555555555',
        'Deploying stack crossdeploy-bootstrap in account 111111111111 (us-east-1)',
        'Stack crossdeploy-bootstrap is CREATE_COMPLETE',
        "Outputs written to ${outputs}")
// Bootstrap is no stage, and its outputs are not in a temporary folder that is gone when Maven ends.
log.lacks('to stage', 'stage bootstrap')
assert !(log.text() =~ /crossdeploy-bootstrap\d+/) : 'the outputs file went to a temporary folder'
assert outputs.isFile() : "${outputs} is missing after the run"
def values = new JsonSlurper().parse(outputs)
assert values.DeployRoleArn == 'arn:aws:iam::111111111111:role/crossdeploy-deploy'
