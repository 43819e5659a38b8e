import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud

def log = BuildLog.of(basedir)
assert log.failure() == "Template parameter AlarmEmail in template.yaml has no Default and no value: set it in stage qa's parameters"
ItCloud.assertNothingWritten(localCloudPort)
