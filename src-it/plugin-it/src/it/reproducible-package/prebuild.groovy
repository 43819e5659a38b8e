import java.nio.file.Files

// A second checkout of the same sources beside this one (so the parent's relativePath still holds),
// written now, so its files are newer than the first's: the zip must depend on neither folder nor file times.
def checkout = new File(basedir.parentFile, 'reproducible-package-checkout2')
checkout.deleteDir()
def from = basedir.toPath()
def files = [from.resolve('pom.xml')] + Files.walk(from.resolve('src')).filter { Files.isRegularFile(it) }.toList()
files.each { file ->
    def copy = checkout.toPath().resolve(from.relativize(file).toString())
    Files.createDirectories(copy.parent)
    Files.copy(file, copy)
}
