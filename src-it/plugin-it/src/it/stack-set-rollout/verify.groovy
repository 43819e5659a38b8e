import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItArtifacts
import dev.crossdeploy.it.ItCloud
import dev.crossdeploy.it.ItStacks
import groovy.json.JsonSlurper

def sha = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/artifact.json')).sha256
def key = "stack-set-rollout/${sha}.zip".toString()
def stages = ['staging', 'qa', 'prod']
def log = BuildLog.of(basedir)

log.invocation(1).shows('Preparing account 111111111111 in us-east-1 to administer stack sets: stack crossdeploy-stackset-administration',
        'Stack crossdeploy-stackset-administration is CREATE_COMPLETE')

// prod is protected and the group does not allow it: one line, nothing uploaded, no stack set.
log.invocation(2).shows("Group 'teams' holds protected stage prod, which a stack set deploys only when explicitly allowed:"
        + " set allowProtected: true in the group's stackSet block or run with -Dcrossdeploy.allowProtectedInStackSet=true;"
        + " nothing was written.")
        .lacks('Uploading ', 'Created stack set')

def third = log.invocation(3)
third.showsInOrder('Uploading stack-set-rollout sha256 ' + sha + ' to the artifact buckets of 3 accounts',
        'Created stack set teams (SELF_MANAGED: AWSCloudFormationStackSetAdministrationRole assumes AWSCloudFormationStackSetExecutionRole in each account)',
        'Stack set teams:',
        'Stage    Account       Region     Status     Reason',
        'staging  222222222222  us-east-1  SUCCEEDED',
        'qa       333333333333  us-east-1  SUCCEEDED',
        'prod     444444444444  us-east-1  SUCCEEDED')
stages.each { stage ->
    third.shows("[${stage}] ${ItCloud.accountId(stage)} us-east-1: SUCCEEDED")
    // One instance stack per account, running the artifact from that account's own bucket.
    def instances = ItStacks.names(localCloudPort, stage).findAll { it.startsWith('StackSet-teams-') }
    assert instances.size() == 1 : "${stage}: ${ItStacks.names(localCloudPort, stage)}"
    assert ItStacks.parameters(localCloudPort, stage, instances[0]).subMap('ArtifactBucket', 'ArtifactKey', 'Stage') ==
            [ArtifactBucket: ItArtifacts.bucket(stage), ArtifactKey: key, Stage: stage]
    assert ItArtifacts.keys(localCloudPort, stage) == [key]
}

// The next release goes to every instance in one operation; prod's instance is previewed first.
log.invocation(4).shows('[prod] Replacement guard: the update replaces no data-holding resource')
        .showsInOrder('Stack set teams: UpdateStackSet operation ', ' on 3 instances (at most 3 accounts at once, failure tolerance 0, SOFT_FAILURE_TOLERANCE)',
                'prod     444444444444  us-east-1  SUCCEEDED')
        .lacks('Created stack set', 'CreateStackInstances')
// The deployment report: one page for the group, rewritten by each run; the refused run's page said why.
def report = new File(basedir, 'target/crossdeploy/teams-report.html')
log.invocation(2).shows('Deployment report: ')
def fourth = log.invocation(4)
fourth.showsInOrder('prod     444444444444  us-east-1  SUCCEEDED', 'Deployment report: ')
assert new File(fourth.line('Deployment report: ').split('Deployment report: ')[1].trim()).canonicalPath == report.canonicalPath
def page = report.text
assert page.contains('<h1>Deployment report: teams (stack set teams)</h1>')
assert page.contains('<tr><th>Result</th><td class="ok">SUCCEEDED</td></tr>')
assert page =~ /<tr><th>Operations<\/th><td>UpdateStackSet [-0-9a-f]+ SUCCEEDED<\/td><\/tr>/
assert page.contains('<tr><th>Preferences</th><td>MaxConcurrentCount 3, FailureToleranceCount 0, ConcurrencyMode SOFT_FAILURE_TOLERANCE')
assert page.contains("<tr><th>Artifact SHA-256</th><td>${sha}</td></tr>")
assert page.contains("<tr><th>Artifact key</th><td>${key}</td></tr>")
stages.each { stage ->
    assert page.contains("<tr id=\"instance-${stage}\"><td>${stage}</td><td>${ItCloud.accountId(stage)}</td><td>us-east-1</td><td class=\"ok\">SUCCEEDED</td>")
}
assert page.findAll('<g class="bar outcome-complete">').size() == 3 : 'one green bar per account'
assert !page.contains('class="root-cause"')

true // a hook must end with no value or true
