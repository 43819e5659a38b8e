import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud

def log = BuildLog.of(basedir)
def expected = new File(basedir, 'src/main/cloudformation/template.yaml').path
assert log.failure() == "Template not found: ${expected} (set crossdeploy.template or create it)".toString()
ItCloud.assertNothingWritten(localCloudPort)
