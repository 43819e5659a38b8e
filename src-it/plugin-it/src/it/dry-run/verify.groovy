import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
log.invocation(1)
        .showsInOrder('Deploying stack dry-run-qa to stage qa (account 333333333333, us-east-1) -- dry run',
                'Change set for stack dry-run-qa:', 'Greeting',
                'Dry run: change set and the empty stack it needed deleted; nothing deployed')
        .lacks('Executing change set')
log.invocation(3)
        .showsInOrder('-- dry run', 'Change set for stack dry-run-qa:', 'Modify', 'Dry run: change set deleted; nothing deployed')
        .lacks('Executing change set')

def stack = ItStacks.stack(localCloudPort, 'qa', 'dry-run-qa')
assert stack.stackStatusAsString() == 'CREATE_COMPLETE' : 'the update dry run must not touch the stack'
assert stack.lastUpdatedTime() == null
assert ItStacks.leftoverChangeSets(localCloudPort, 'qa', 'dry-run-qa').isEmpty()
assert ItStacks.names(localCloudPort, 'qa') == ['dry-run-qa'] : 'the first dry run must leave no stack of its own'
