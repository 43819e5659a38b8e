import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud
import groovy.json.JsonSlurper

def first = new File(basedir, 'target/reproducible-package-1.0-lambda.zip')
def second = new File(basedir.parentFile, 'reproducible-package-checkout2/target/reproducible-package-1.0-lambda.zip')
assert first.isFile() && second.isFile()
assert ItCloud.sha256(first) == ItCloud.sha256(second)
def manifest = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/artifact.json'))
assert manifest.sha256 == ItCloud.sha256(first)
BuildLog.of(basedir).invocation(2).shows("sha256 ${manifest.sha256}".toString())
