import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud
import dev.crossdeploy.it.ItStacks

def cause = 'Root cause: Function (AWS::Lambda::Function) CREATE_FAILED: Resource handler returned message: ' +
        '"The role defined for the function cannot be assumed by Lambda. (Service: Lambda, Status Code: 400'
def log = BuildLog.of(basedir)
def failed = log.invocation(1)
failed.showsInOrder('Executing change set', 'ROLLBACK_COMPLETE', '[ERROR] ' + cause)
assert failed.failure().startsWith('Deployment of stack failed-create-recovers-qa to stage qa failed (ROLLBACK_COMPLETE). ' + cause)

log.invocation(2).showsInOrder(
        'Stack failed-create-recovers-qa is in ROLLBACK_COMPLETE (its first deployment failed); deleting it and creating it again',
        '(CREATE) created', 'Executing change set', 'Stack failed-create-recovers-qa is CREATE_COMPLETE')
        .lacks('CREATE_FAILED')

assert ItStacks.status(localCloudPort, 'qa', 'failed-create-recovers-qa') == 'CREATE_COMPLETE'
def deleted = ItCloud.cloudFormation(localCloudPort, 'qa').withCloseable { cfn ->
    cfn.listStacks { b -> b.stackStatusFiltersWithStrings('DELETE_COMPLETE') }.stackSummaries()*.stackName
}
assert deleted == ['failed-create-recovers-qa'] : 'the failed stack was deleted, not updated'
