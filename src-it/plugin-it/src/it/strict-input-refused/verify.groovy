import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud

def log = BuildLog.of(basedir)
assert log.invocation(1).failure() == "crossdeploy.dryRun 'yes' is not a boolean; use true or false."
assert log.invocation(2).failure() == "crossdeploy.partSize 99999999999999 is out of bounds;" +
        " use 5242880 (5 MiB) to 5368709120 (5 GiB) bytes."
assert log.invocation(3).failure() == "No stage given; run with -Dstage=<name>, one of: prod, qa, sandbox, staging."
assert log.invocation(4).failure() == "crossdeploy.allowReplace names Greting, which is not a resource of template" +
        " template.yaml nor of the deployed stack; use logical ids from the template's Resources: Greeting."
ItCloud.assertNothingWritten(localCloudPort)
