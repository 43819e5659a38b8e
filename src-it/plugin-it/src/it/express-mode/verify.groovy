import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
assert log.invocation(1).failure() == 'Refused: stage prod is protected and express mode does not wait for resources' +
        ' to stabilize; deploy it without -Dcrossdeploy.deploymentMode=EXPRESS, or allow it there with -Dcrossdeploy.allowExpress=true'
assert ItStacks.names(localCloudPort, 'prod').isEmpty()

def stack = ItStacks.stack(localCloudPort, 'staging', 'express-mode-staging')
assert stack.stackStatusAsString() == 'CREATE_COMPLETE'
def changeSet = ItCloud.cloudFormation(localCloudPort, 'staging').describeChangeSet { it.changeSetName(stack.changeSetId()) }
assert changeSet.deploymentConfig().modeAsString() == 'EXPRESS'
true
