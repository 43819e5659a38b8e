import dev.crossdeploy.it.BuildLog

def log = BuildLog.of(basedir)

/** Each goal's section of the help text, and the parameter names it lists (4-space indent, then the name). */
Map<String, List<String>> parametersByGoal(String text) {
    def sections = [:]
    String goal = null
    text.readLines().each { line ->
        def heading = line =~ /^crossdeploy:([a-z-]+)$/
        if (heading) { goal = heading[0][1]; sections[goal] = []; return }
        def parameter = line =~ /^    ([A-Za-z]+)( \(Default: .*\))?$/
        if (goal && parameter) sections[goal] << parameter[0][1]
    }
    sections
}

def all = parametersByGoal(log.invocation(1).text())
['package', 'upload-to-account', 'deploy-stack', 'delete-stack', 'outputs', 'mark-verified', 'bootstrap', 'init',
 'deploy-stack-set'].each { goal ->
    assert all.containsKey(goal) : "help does not describe crossdeploy:${goal}; it describes ${all.keySet()}"
}
def stageParameters = ['stage', 'stages', 'stagesFile']
// Every goal's help lists only the parameters it reads.
['upload-to-account', 'deploy-stack', 'delete-stack', 'outputs', 'mark-verified', 'deploy-stack-set'].each { goal ->
    assert all[goal].containsAll(stageParameters + ['pathStyleAccess', 'skip']) : "${goal} lists ${all[goal]}"
}
assert all['package'].intersect(stageParameters + ['pathStyleAccess']).isEmpty() : "package lists ${all['package']}"
assert all['bootstrap'].intersect(stageParameters).isEmpty() : "bootstrap lists ${all['bootstrap']}"
assert all['bootstrap'].containsAll(['trustAccount', 'trustRoles', 'externalId', 'createKmsKey', 'pathStyleAccess',
        'stackSetAdministrator', 'stackSetAdministration'])
assert all['deploy-stack-set'].containsAll(['allowProtectedInStackSet', 'stackSetName', 'allowReplace', 'timeout'])
assert all['init'].intersect(stageParameters + ['pathStyleAccess']).isEmpty() : "init lists ${all['init']}"
assert all['init'].containsAll(['accounts', 'handler', 'withTable', 'withApi', 'skipExisting', 'overwrite'])
all.each { goal, parameters ->
    assert !parameters.contains('project') && !parameters.contains('workingDirectory') : "${goal} lists Maven's read-only values"
}
assert log.invocation(1).text().contains('User property: stage')
assert log.invocation(1).text().contains('User property: crossdeploy.stagesFile')

def bootstrap = parametersByGoal(log.invocation(2).text())
assert bootstrap.keySet() == ['bootstrap'] as Set
assert bootstrap['bootstrap'].intersect(stageParameters).isEmpty()
log.invocation(2).lacks('User property: stage', 'crossdeploy.stagesFile', 'to stage')
true
