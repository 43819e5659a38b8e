import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
log.invocation(1).shows('Stack no-changes-qa is CREATE_COMPLETE')
log.invocation(2)
        .shows('No changes: stack no-changes-qa already matches the template and parameters; change set deleted',
               'Outputs written to ')
        .lacks('Executing change set', 'Change set for stack')

def stack = ItStacks.stack(localCloudPort, 'qa', 'no-changes-qa')
assert stack.stackStatusAsString() == 'CREATE_COMPLETE'
assert stack.lastUpdatedTime() == null
// The empty change set was deleted.
assert ItStacks.leftoverChangeSets(localCloudPort, 'qa', 'no-changes-qa').isEmpty()
