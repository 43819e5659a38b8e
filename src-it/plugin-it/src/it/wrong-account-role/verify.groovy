import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud

def log = BuildLog.of(basedir)
assert log.failure() == "Stage 'qa': deployRoleArn arn:aws:iam::222222222222:role/crossdeploy-deploy is a role of account " +
        "222222222222, not of the stage's account 333333333333; use a role in 333333333333 or leave deployRoleArn out for the default."
assert log.line("Failed to execute goal").contains(":upload-to-account (default-cli)")
ItCloud.assertNothingWritten(localCloudPort)
