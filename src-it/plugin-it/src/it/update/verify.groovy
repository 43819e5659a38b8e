import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItStacks
import groovy.json.JsonSlurper

def log = BuildLog.of(basedir)
log.invocation(1).shows('Stack update-qa is CREATE_COMPLETE')
def second = log.invocation(2)
second.showsInOrder('(UPDATE) created', 'Change set for stack update-qa:', 'Executing change set',
        'Stack update-qa is UPDATE_COMPLETE', 'Outputs:')
assert second.line('Greeting ') =~ /Modify\s+Greeting\s+AWS::SSM::Parameter\s+False/
assert second.line('Logs ') =~ /Add\s+Logs\s+AWS::Logs::LogGroup/
assert second.lines('UPDATE_COMPLETE').any { it =~ /update-qa\s+AWS::CloudFormation::Stack\s+UPDATE_COMPLETE/ }

def stack = ItStacks.stack(localCloudPort, 'qa', 'update-qa')
assert stack.stackStatusAsString() == 'UPDATE_COMPLETE'
assert stack.outputs()*.outputKey().sort() == ['GreetingParameter', 'LogGroup']
def outputs = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/qa-outputs.json'))
assert outputs == [GreetingParameter: '/qa/greeting', LogGroup: '/update/qa']
