import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks

// CloudFormation's words around DynamoDB's own message, as in the console.
def reason = 'Resource handler returned message: "One or more parameter values were invalid: Neither ReadCapacityUnits ' +
        'nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST (Service: DynamoDb, Status Code: 400'
def log = BuildLog.of(basedir).invocation(2)
log.showsInOrder('Executing change set', 'UPDATE_ROLLBACK_COMPLETE', '[ERROR] Root cause: Table (AWS::DynamoDB::Table) CREATE_FAILED: ' + reason)
assert log.failure().startsWith('Deployment of stack failed-update-root-cause-qa to stage qa failed (UPDATE_ROLLBACK_COMPLETE). ' +
        'Root cause: Table (AWS::DynamoDB::Table) CREATE_FAILED: ' + reason)

def stack = ItStacks.stack(localCloudPort, 'qa', 'failed-update-root-cause-qa')
assert stack.stackStatusAsString() == 'UPDATE_ROLLBACK_COMPLETE'
assert ItStacks.resources(localCloudPort, 'qa', 'failed-update-root-cause-qa').keySet() as List == ['Greeting']

// The deployment report of the failed run names the same root cause at the top of the page.
def report = new File(basedir, 'target/crossdeploy/qa-report.html')
assert new File(log.line('Deployment report: ').split('Deployment report: ')[1].trim()).canonicalPath == report.canonicalPath
def page = report.text
assert page.contains('Stage qa failed. Root cause:</strong><code>Table (AWS::DynamoDB::Table) CREATE_FAILED: ' +
        reason.replace('"', '&quot;'))
assert page.contains('<td class="failed">FAILED (UPDATE_ROLLBACK_COMPLETE)</td>')
assert page.contains('<g class="bar outcome-failed">')
