import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud

def log = BuildLog.of(basedir)
assert log.failure().startsWith("Access denied assuming deploy role arn:aws:iam::555555555555:role/crossdeploy-deploy " +
        "for stage 'sandbox' as arn:aws:iam::111111111111:root; check that the role exists, that its trust policy trusts " +
        "this caller's account and whether it requires an sts:ExternalId (set the stage's externalId), and that the " +
        "caller may call sts:AssumeRole on it.")
assert !log.failure().contains('(Service: Sts') : "one line in the plugin's words, not the SDK error appended"
ItCloud.assertNothingWritten(localCloudPort)
