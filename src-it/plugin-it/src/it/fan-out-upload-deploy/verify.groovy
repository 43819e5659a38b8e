import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
['staging', 'qa'].each { stage ->
    log.shows("[${stage}] Uploaded artifact to ", "[${stage}] Stack fan-out-upload-deploy-${stage} is CREATE_COMPLETE")
    assert ItStacks.status(localCloudPort, stage, "fan-out-upload-deploy-${stage}") == 'CREATE_COMPLETE'
}
// One table for the run: upload-to-account left its summary to deploy-stack, which shows it as a column.
assert log.lines('  Account  ').size() == 1
log.showsInOrder('Stage    Account                   Artifact  Result  Duration  Changes',
        'staging  222222222222 (us-east-1)  uploaded  OK', 'qa       333333333333 (us-east-1)  uploaded  OK')
true // a hook must end with no value or true
