import dev.crossdeploy.it.BuildLog
import groovy.json.JsonSlurper

def log = BuildLog.of(basedir)
assert log.invocation(1).failure() == 'Stack outputs-goal-qa does not exist in stage qa; deploy it first (deploy-stack -Dstage=qa)'
log.invocation(3).showsInOrder('Outputs of stack outputs-goal-qa:', 'GreetingParameter', '/qa/greeting',
        'Outputs written to ', '[echo] greeting parameter is /qa/greeting')
def outputs = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/qa-outputs.json'))
assert outputs == [GreetingParameter: '/qa/greeting']
