import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
log.invocation(1).shows('crossdeploy: nothing to do in stages-file (an aggregator of modules',
        'Stage qa: account 333333333333 (us-east-1)', 'Stack orders-service-qa is CREATE_COMPLETE')
assert log.invocation(2).failure().startsWith("Unknown stage 'staging'; known stages: prod, qa.")

def stack = ItStacks.stack(localCloudPort, 'qa', 'orders-service-qa')
assert stack.stackStatusAsString() == 'CREATE_COMPLETE'
def tags = stack.tags().collectEntries { [it.key(), it.value()] }
assert tags.team == 'orders' : 'the stage comes from the stages file'
assert tags['crossdeploy:stage'] == 'qa'
assert ItStacks.parameters(localCloudPort, 'qa', 'orders-service-qa').LogLevel == 'DEBUG' : "the module's own setting"

