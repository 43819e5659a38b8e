import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud

def log = BuildLog.of(basedir)
log.invocation(1).shows('Stack no-changes-qa is CREATE_COMPLETE')
log.invocation(2)
        .shows('No changes: stack no-changes-qa already matches the template and parameters; change set deleted',
               'Outputs written to ')
        .lacks('Executing change set', 'Change set for stack')

def stack = ItCloud.stack(localCloudPort, 'qa', 'no-changes-qa')
assert stack.stackStatusAsString() == 'CREATE_COMPLETE'
assert stack.lastUpdatedTime() == null
// Only the executed CREATE change set remains: the empty one was deleted.
assert ItCloud.changeSetStatuses(localCloudPort, 'qa', 'no-changes-qa') == ['EXECUTE_COMPLETE']
