import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
log.invocation(2).showsInOrder('Deleting stack delete-stack-qa in stage qa', 'DELETE_COMPLETE', 'Stack delete-stack-qa deleted')
assert log.invocation(2).lines('DELETE_COMPLETE').any { it =~ /Greeting\s+AWS::SSM::Parameter\s+DELETE_COMPLETE/ }
log.invocation(3).shows('Stack delete-stack-qa does not exist in stage qa: nothing to delete')
assert ItStacks.stack(localCloudPort, 'qa', 'delete-stack-qa') == null
