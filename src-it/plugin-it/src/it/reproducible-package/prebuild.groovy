// A second checkout of the same sources beside this one (so the parent's relativePath still holds),
// its files newer than the first's: the zip must not depend on folder or file times.
def checkout = new File(basedir.parentFile, 'reproducible-package-checkout2')
checkout.deleteDir()
new AntBuilder().copy(todir: checkout, preservelastmodified: false) {
    fileset(dir: basedir, includes: 'pom.xml, src/**')
}
