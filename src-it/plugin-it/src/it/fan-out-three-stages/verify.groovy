import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
def first = log.invocation(1)
def stages = ['staging', 'qa', 'sandbox']
stages.each { stage ->
    first.shows("[${stage}] Stack fan-out-${stage} is CREATE_COMPLETE")
    // Each stage's stack is in its own account and in no other.
    assert ItStacks.status(localCloudPort, stage, "fan-out-${stage}") == 'CREATE_COMPLETE'
    assert ItStacks.names(localCloudPort, stage) == ["fan-out-${stage}".toString()]
}
first.showsInOrder('Stage    Account', 'staging  222222222222 (us-east-1)  OK', 'qa       333333333333 (us-east-1)  OK',
        'sandbox  555555555555 (us-east-1)  OK')
assert ItStacks.names(localCloudPort, 'prod').isEmpty()

def second = log.invocation(2)
second.shows("Unknown stage or group 'nowhere' in -Dstage=qa,sandbox,nowhere; known stages: prod, qa, sandbox, staging; groups: all.")
second.lacks('Executing change set')
