import dev.crossdeploy.it.BuildLog
import groovy.json.JsonSlurper

def log = BuildLog.of(basedir).invocation(2)
log.showsInOrder('Outputs of stack outputs-goal-qa:', 'GreetingParameter', '/qa/greeting',
        'Outputs written to ', '[echo] greeting parameter is /qa/greeting')
def outputs = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/qa-outputs.json'))
assert outputs == [GreetingParameter: '/qa/greeting']
