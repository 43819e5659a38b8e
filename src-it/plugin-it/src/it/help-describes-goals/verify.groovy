def log = new File(basedir, 'build.log').text
['crossdeploy:package', 'crossdeploy:upload-to-account', 'crossdeploy:deploy-stack',
 'crossdeploy:delete-stack', 'crossdeploy:outputs'].each { goal ->
    assert log.contains(goal) : "help does not describe ${goal}"
}
assert log.contains('User property: stage')
assert log.contains('User property: crossdeploy.stagesFile')
