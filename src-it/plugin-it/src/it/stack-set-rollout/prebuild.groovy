import dev.crossdeploy.it.ItCloud
import software.amazon.awssdk.services.cloudformation.CloudFormationClient

ItCloud.prepare(localCloudPort)
// Each deployment account's stack set execution role, trusting the pipeline account, as the bootstrap
// stack with -Dcrossdeploy.stackSetAdministrator=111111111111 adds it (cloud.yaml prepared the rest).
def template = '''
Resources:
  StackSetExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: AWSCloudFormationStackSetExecutionRole
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:root"}, Action: "sts:AssumeRole"}]
      Policies:
        - PolicyName: provision
          PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
'''
['staging', 'qa', 'prod'].each { account ->
    CloudFormationClient cfn = ItCloud.cloudFormation(localCloudPort, account)
    try {
        cfn.createStack { it.stackName('stackset-execution-role').templateBody(template).capabilitiesWithStrings('CAPABILITY_NAMED_IAM') }
        long deadline = System.nanoTime() + 60_000_000_000L
        while (cfn.describeStacks { it.stackName('stackset-execution-role') }.stacks()[0].stackStatusAsString() != 'CREATE_COMPLETE') {
            assert System.nanoTime() < deadline : "the execution role stack in ${account} did not complete within 60 s"
            Thread.sleep(50)
        }
    } finally {
        cfn.close()
    }
}
true
