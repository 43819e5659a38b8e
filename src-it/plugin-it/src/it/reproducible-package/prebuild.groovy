// The other checkout builds first, in its own folder; invocation 1 builds this one afterwards.
dev.crossdeploy.it.SecondCheckout.of(basedir).build('package', 'crossdeploy:package')
