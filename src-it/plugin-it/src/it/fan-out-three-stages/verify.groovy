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
// outputs and drift take several stages the same way: each stage's lines, then a summary.
def third = log.invocation(3)
['staging', 'qa'].each { stage ->
    third.shows("[${stage}] Outputs of stack fan-out-${stage}:", "[${stage}] Outputs written to ",
            "[${stage}] Stack fan-out-${stage} in stage ${stage} is in sync with its template")
    assert new File(basedir, "target/crossdeploy/${stage}-outputs.json").text.contains("/${stage}/greeting")
}
third.showsInOrder('Stage    Account                   Result  Duration  Outputs',
        'staging  222222222222 (us-east-1)  OK', 'qa       333333333333 (us-east-1)  OK',
        'Stage    Account                   Result  Duration  Drifted',
        'staging  222222222222 (us-east-1)  OK', 'qa       333333333333 (us-east-1)  OK')

// delete-stack of several stages checks every refusal first: prod is protected, so qa's stack stays.
def fourth = log.invocation(4)
fourth.shows('[prod] Refused: stage prod is protected and crossdeploy does not delete its stacks;')
assert fourth.failure() == 'Refused in 1 of 2 stages: prod; nothing was written to any account. See the lines starting' +
        ' with [prod] above, fix the cause or leave those stages out of -Dstage.'
fourth.lacks('Deleting stack')
assert ItStacks.status(localCloudPort, 'qa', 'fan-out-qa') == 'CREATE_COMPLETE'
true // a hook must end with no value or true
