import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud

def log = BuildLog.of(basedir)
assert log.failure() == "Unknown stage 'qa2'; known stages: prod, qa, sandbox, staging. " +
        "Run with one of them or add the stage to <stages> or the stages file."
ItCloud.assertNothingWritten(localCloudPort)
