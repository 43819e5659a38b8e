import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItArtifacts
import groovy.json.JsonSlurper

def zip = 'target/reproducible-package-1.0-lambda.zip'
def first = new File(basedir, zip)
def second = new File(basedir.parentFile, "reproducible-package-checkout2/${zip}")
assert first.isFile() && second.isFile()
assert ItArtifacts.sha256(first) == ItArtifacts.sha256(second)
def manifest = new JsonSlurper().parse(new File(basedir, 'target/crossdeploy/artifact.json'))
assert manifest.sha256 == ItArtifacts.sha256(first)
BuildLog.of(basedir).shows("Lambda artifact reproducible-package-1.0-lambda.zip: ${first.length()} bytes, 0 libraries, sha256 ${manifest.sha256}".toString())
assert ItArtifacts.sha256(first) == ItArtifacts.sha256(second)
