import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud

def log = BuildLog.of(basedir)
assert log.failure() == 'No stage given; run with -Dstage=<name>, one of: prod, qa, sandbox, staging.'
ItCloud.assertNothingWritten(localCloudPort)
