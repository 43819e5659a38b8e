import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
log.invocation(1).shows('Termination protection enabled on stack delete-protected-refused-prod (protected stage prod)')
assert log.invocation(2).failure() == 'Refused: stage prod is protected and crossdeploy does not delete its stacks; ' +
        'delete stack delete-protected-refused-prod by hand if you really mean it'
log.invocation(2).lacks('Deleting stack')

def stack = ItStacks.stack(localCloudPort, 'prod', 'delete-protected-refused-prod')
assert stack.stackStatusAsString() == 'CREATE_COMPLETE'
assert stack.enableTerminationProtection()
