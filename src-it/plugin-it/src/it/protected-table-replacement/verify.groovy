import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
def refused = log.invocation(2)
assert refused.line('Orders ') =~ /Modify\s+Orders\s+AWS::DynamoDB::Table\s+True/
assert refused.failure() == 'Refused: in protected stage prod the change set would replace Orders (AWS::DynamoDB::Table), ' +
        'losing its data; the change set was deleted. To allow it, run again with -Dcrossdeploy.allowReplace=Orders'
refused.lacks('Executing change set')
log.invocation(3).showsInOrder('Executing change set', 'Stack protected-table-replacement-prod is UPDATE_COMPLETE')

// The refused attempt left no change set and did not touch the stack; the allowed one replaced the table.
def history = ItStacks.statusHistory(localCloudPort, 'prod', 'protected-table-replacement-prod')
assert history.count('UPDATE_IN_PROGRESS') == 1 && history.last() == 'UPDATE_COMPLETE'
assert ItStacks.resources(localCloudPort, 'prod', 'protected-table-replacement-prod') == [Orders: 'orders-v2']
assert ItStacks.leftoverChangeSets(localCloudPort, 'prod', 'protected-table-replacement-prod').isEmpty()
