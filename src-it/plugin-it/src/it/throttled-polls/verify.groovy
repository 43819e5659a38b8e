import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
log.showsInOrder('Executing change set', 'Stack throttled-polls-qa is CREATE_COMPLETE')
assert log.lines('CREATE_COMPLETE').any { it =~ /Greeting\s+AWS::SSM::Parameter\s+CREATE_COMPLETE/ } : 'every event still shown'
assert ItCloud.faultsFired(localCloudPort) == 3
assert ItStacks.status(localCloudPort, 'qa', 'throttled-polls-qa') == 'CREATE_COMPLETE'
