import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud

def log = BuildLog.of(basedir)
assert log.failure() == 'Stage qa sets parameter LogLevl, which template template.yaml does not declare (declared: LogLevel, Stage)'
ItCloud.assertNothingWritten(localCloudPort)
