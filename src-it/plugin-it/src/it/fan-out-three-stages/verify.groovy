import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
def first = log.invocation(1)
['staging', 'qa'].each { stage ->
    first.shows("[${stage}] Stack fan-out-${stage} is CREATE_COMPLETE")
    // Each stage's stack is in its own account and in no other.
    assert ItStacks.status(localCloudPort, stage, "fan-out-${stage}") == 'CREATE_COMPLETE'
    assert ItStacks.names(localCloudPort, stage) == ["fan-out-${stage}".toString()]
}
first.shows("[ERROR] [sandbox] Access denied assuming deploy role arn:aws:iam::555555555555:role/crossdeploy-deploy for stage 'sandbox'")
first.showsInOrder('Stage    Account                   Result  Duration  Changes',
        'staging  222222222222 (us-east-1)  OK', 'qa       333333333333 (us-east-1)  OK',
        'sandbox  555555555555 (us-east-1)  FAILED')
first.shows('Failed in 1 of 3 stages: sandbox; the other stages finished. See the lines starting with [sandbox] above,'
        + ' fix the cause and rerun with -Dstage=sandbox.')
assert ItStacks.names(localCloudPort, 'sandbox').isEmpty()
// prod is protected: never part of 'all'.
first.lacks('[prod]')
assert ItStacks.names(localCloudPort, 'prod').isEmpty()

// One deployment report for the whole run, named after -Dstage, the failed stage's cause first.
def page = new File(basedir, 'target/crossdeploy/all-report.html').text
assert page.indexOf('Stage sandbox failed. Root cause:</strong><code>Access denied assuming deploy role') < page.indexOf('<h2>Summary</h2>')
['staging', 'qa', 'sandbox'].each { assert page.contains("<section id=\"stage-${it}\">") }
assert page.contains('<td class="ok">CREATE_COMPLETE</td>') && page.contains('<td class="failed">FAILED</td>')

def second = log.invocation(2)
second.shows("Group 'everything' in stages file ", "groups-with-prod.yaml: stage 'prod' is protected and a group never includes"
        + " a protected stage; remove it from the group and name it in -Dstage by itself.")
second.lacks('Executing change set')
true // a hook must end with no value or true
