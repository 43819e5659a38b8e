import dev.crossdeploy.it.ItCloud
import software.amazon.awssdk.services.cloudformation.model.Parameter
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus

// The stack as an earlier deploy left it, then its bucket changed outside CloudFormation.
ItCloud.prepare(localCloudPort)
def stack = 'drift-refused-on-protected-prod'
def cfn = ItCloud.cloudFormation(localCloudPort, 'prod')
cfn.createStack { it.stackName(stack).templateBody(new File(basedir, 'template.yaml').text)
        .parameters(Parameter.builder().parameterKey('Stage').parameterValue('prod').build()) }
def deadline = System.currentTimeMillis() + 30_000
while (cfn.describeStacks { it.stackName(stack) }.stacks()[0].stackStatusAsString() != 'CREATE_COMPLETE') {
    assert System.currentTimeMillis() < deadline : "stack ${stack} was not created within 30 s"
    Thread.sleep(50)
}
def bucket = cfn.describeStackResource { it.stackName(stack).logicalResourceId('Data') }.stackResourceDetail().physicalResourceId()
ItCloud.s3(localCloudPort, 'prod').putBucketVersioning { it.bucket(bucket).versioningConfiguration { v -> v.status(BucketVersioningStatus.SUSPENDED) } }
true
