import dev.crossdeploy.it.BuildLog
import dev.crossdeploy.it.ItCloud
import dev.crossdeploy.it.ItStacks

def log = BuildLog.of(basedir)
assert log.invocation(1).failure() == 'Refused: stack drift-refused-on-protected-prod in protected stage prod has drifted' +
        ' from its template: Data /VersioningConfiguration/Status expected Enabled, actual Suspended.' +
        ' Reconcile the resources with the template (mvn crossdeploy:drift -Dstage=prod lists them),' +
        ' or deploy over the drift with -Dcrossdeploy.allowDrift=true'
// Refused before any change set: nothing was written to the stack.
log.invocation(1).lacks('Change set')

log.invocation(2).shows('Stack drift-refused-on-protected-prod in stage prod has drifted from its template:',
        'Data      AWS::S3::Bucket  MODIFIED  /VersioningConfiguration/Status  Enabled   Suspended')

log.invocation(3).shows('Deploying over drift (crossdeploy.allowDrift=true): stack drift-refused-on-protected-prod' +
        ' in protected stage prod has drifted from its template: Data /VersioningConfiguration/Status expected Enabled, actual Suspended')
def stack = ItStacks.stack(localCloudPort, 'prod', 'drift-refused-on-protected-prod')
assert stack.stackStatusAsString() in ['CREATE_COMPLETE', 'UPDATE_COMPLETE']
assert stack.enableTerminationProtection()
true
