import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud

def log = BuildLog.of(basedir)
def target = new File(basedir, 'target').path
assert log.invocation(1).failure() == "No packaged artifact: ${target}/crossdeploy/artifact.json does not exist; " +
        'run the package goal first (mvn package crossdeploy:package).'
assert log.invocation(2).failure() == 'Template parameter ArtifactBucket in template.yaml has no Default and no value: ' +
        'there is no uploaded artifact; run upload-to-account first'
assert log.invocation(3).failure() == "No compiled classes in ${target}/classes; " +
        'compile first (mvn package deploy-stack, or mvn package crossdeploy:package).'
ItCloud.assertNothingWritten(localCloudPort)
