package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.TemplateParameter;

import java.util.Map;
import java.util.stream.Collectors;

import static dev.crossdeploy.localcloud.cloudformation.StackDriver.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateValidationTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudFormationClient cfn;
    private StackDriver driver;

    @BeforeEach
    void clients() {
        cfn = cloud.as("staging").cloudFormation();
        driver = new StackDriver(cfn);
    }

    private void assertInvalid(String template, String message) {
        assertThatThrownBy(() -> cfn.validateTemplate(r -> r.templateBody(template)))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }

    @Test
    void validateTemplateDescribesParametersAndCapabilities() {
        var r = cfn.validateTemplate(b -> b.templateBody("""
                Description: demo
                Parameters:
                  Secret: {Type: String, NoEcho: true, Default: s3cr3t, Description: the secret}
                  Size: {Type: Number, Default: 3}
                Resources:
                  Role: {Type: AWS::IAM::Role, Properties: {RoleName: fixed}}
                """));
        assertThat(r.description()).isEqualTo("demo");
        assertThat(r.parameters()).extracting(TemplateParameter::parameterKey, TemplateParameter::defaultValue, TemplateParameter::noEcho)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Secret", "****", true),
                        org.assertj.core.groups.Tuple.tuple("Size", "3", false));
        assertThat(r.capabilitiesAsStrings()).containsExactly("CAPABILITY_NAMED_IAM");
        assertThat(r.capabilitiesReason()).isEqualTo("The following resource(s) require capabilities: [AWS::IAM::Role]");
    }

    @Test
    void jsonTemplatesAreAccepted() {
        var r = cfn.validateTemplate(b -> b.templateBody("""
                {"Resources": {"R": {"Type": "Test::Record", "Properties": {"Value": {"Fn::Join": ["-", ["a", "b"]]}}}}}
                """));
        assertThat(r.parameters()).isEmpty();
    }

    @Test
    void flowStyleYamlIsYamlAndBrokenJsonIsReported() {
        assertThat(cfn.validateTemplate(b -> b.templateBody("{Resources: {R: {Type: Test::Record, Properties: {Value: !Ref AWS::Region}}}}"))
                .parameters()).isEmpty();
        assertInvalid("{\"Resources\": {\"R\": }", "Template format error: JSON not well-formed. (line 1,  column 21)");
    }

    @Test
    void referenceErrorsUseCloudFormationsTexts() {
        assertInvalid("""
                Resources:
                  A: {Type: Test::Record, Properties: {Value: !Ref Missing}}
                """, "Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template");
        assertInvalid("""
                Resources:
                  A: {Type: Test::Record, DependsOn: Ghost}
                """, "Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template");
        assertInvalid("""
                Resources:
                  A: {Type: Test::Record, Properties: {Value: !GetAtt X.Arn}}
                """, "Template error: instance of Fn::GetAtt references undefined resource X");
        assertInvalid("""
                Resources:
                  A: {Type: Test::Record}
                  B: {Type: Test::Record, Properties: {Value: !GetAtt A.Nope}}
                """, "Template error: resource A does not support attribute type Nope in Fn::GetAtt");
        assertInvalid("""
                Resources:
                  A: {Type: Test::Record, Properties: {Value: !Ref B}}
                  B: {Type: Test::Record, Properties: {Value: !Sub "${A.Arn}"}}
                  C: {Type: Test::Record}
                """, "Circular dependency between resources: [A, B]");
        assertInvalid("""
                Resources:
                  A: {Type: AWS::Foo::Bar}
                  B: {Type: Test::Record}
                  C: {Type: Custom::Thing}
                """, "Template format error: Unrecognized resource types: [AWS::Foo::Bar, Custom::Thing]");
        assertInvalid("""
                Resources:
                  A: {Type: Test::Record}
                Outputs:
                  O: {Value: !Ref Nowhere}
                """, "Template format error: Unresolved resource dependencies [Nowhere] in the Outputs block of the template");
        assertInvalid("Description: nothing\n", "Template format error: At least one Resources member must be defined.");
        assertInvalid("""
                Resources:
                  A: {Properties: {}}
                """, "Template format error: [/Resources/A] Every Resources object must contain a Type member.");
        assertInvalid("""
                Parameters:
                  P: {Type: Strin}
                Resources:
                  A: {Type: Test::Record}
                """, "Template format error: Unrecognized parameter type: Strin");
        assertInvalid("Resources: [unclosed\n", "Template format error: YAML not well-formed. (line 2, column 1)");
    }

    @Test
    void missingAndUnknownParametersAreRefused() {
        String template = """
                Parameters:
                  Env: {Type: String}
                  Zone: {Type: String}
                Resources:
                  A: {Type: Test::Record, Properties: {Value: !Ref Env}}
                """;
        assertThatThrownBy(() -> driver.changeSet("p", "c", ChangeSetType.CREATE, template, b -> { }))
                .hasMessageContaining("Parameters: [Env, Zone] must have values");
        assertThatThrownBy(() -> driver.changeSet("p", "c", ChangeSetType.CREATE, template,
                b -> b.parameters(param("Env", "x"), param("Zone", "y"), param("Bogus", "z"))))
                .hasMessageContaining("Parameters: [Bogus] do not exist in the template");
        assertThat(cfn.listStacks().stackSummaries()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{Type: String, AllowedValues: [dev, prod]}|test|Parameter 'P' must be one of AllowedValues",
            "{Type: String, AllowedPattern: '[a-z]+'}|ABC|Parameter 'P' must match pattern [a-z]+",
            "{Type: String, MinLength: 3}|ab|Parameter 'P' must contain at least 3 characters",
            "{Type: String, MaxLength: 2}|abc|Parameter 'P' must contain at most 2 characters",
            "{Type: Number, MinValue: 5}|4|Parameter 'P' must be a number not less than 5",
            "{Type: Number, MaxValue: 5}|6|Parameter 'P' must be a number not greater than 5",
            "{Type: Number}|six|Parameter 'P' must be a number.",
            "{Type: String, AllowedPattern: '[a-z]+', ConstraintDescription: lower case only}|ABC|Parameter P failed to satisfy constraint: lower case only",
            "{Type: 'List<Number>'}|1,x|Parameter 'P' must be a number.",
            "{Type: 'AWS::SSM::Parameter::Value<String>'}|/a/b|Parameter 'P' has type AWS::SSM::Parameter::Value<String>, which the local cloud does not resolve (no SSM Parameter Store); use a String parameter",
    })
    void parameterConstraintsAreEnforced(String spec, String value, String message) {
        String template = "Parameters:\n  P: " + spec + "\nResources:\n  A: {Type: Test::Record}\n";
        assertThatThrownBy(() -> driver.changeSet("p", "c", ChangeSetType.CREATE, template, b -> b.parameters(param("P", value))))
                .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }

    @Test
    void everyShortFormFunctionEvaluates() {
        String template = """
                Parameters:
                  Env: {Type: String, Default: prod, AllowedValues: [dev, prod]}
                  Sizes: {Type: CommaDelimitedList, Default: "1,2,3"}
                  Count: {Type: Number, Default: 7}
                  Vpc: {Type: 'AWS::EC2::VPC::Id', Default: vpc-123}
                Mappings:
                  Regions:
                    us-east-1: {Ami: ami-111}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  IsDev: !Not [!Condition IsProd]
                  Both: !And [!Condition IsProd, !Equals [a, a]]
                  Either: !Or [!Condition IsDev, !Equals [x, y]]
                Resources:
                  Base:
                    Type: Test::Record
                    Properties:
                      Value: base
                  DevOnly:
                    Type: Test::Record
                    Condition: IsDev
                  Everything:
                    Type: Test::Record
                    DependsOn: Base
                    Properties:
                      Value: !Join
                        - "|"
                        - - !Ref Base
                          - !GetAtt Base.Value
                          - !Sub "${AWS::StackName}/${AWS::Region}/${AWS::AccountId}/${AWS::Partition}/${AWS::URLSuffix}"
                          - !Sub ["${X}-${Env}-${!Literal}", {X: !Select [1, !Ref Sizes]}]
                          - !Select [2, !Split [",", "a,b,c"]]
                          - !If [IsProd, yes-prod, no-prod]
                          - !FindInMap [Regions, !Ref "AWS::Region", Ami]
                          - !Select [0, !GetAZs ""]
                          - !Base64 hi
                          - !Ref Count
                          - !Ref Vpc
                          - !If [Both, both, neither]
                          - !If [Either, either, none]
                      Dropped: !If [IsDev, kept, !Ref "AWS::NoValue"]
                Outputs:
                  All:
                    Value: !GetAtt Everything.Value
                  StackIdOut:
                    Value: !Ref AWS::StackId
                  DevOut:
                    Condition: IsDev
                    Value: dev
                """;
        var stack = driver.deploy("fns", template);
        assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
        Map<String, String> outputs = stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        String base = cfn.describeStackResources(r -> r.stackName("fns").logicalResourceId("Base")).stackResources().get(0).physicalResourceId();
        assertThat(outputs.get("All")).isEqualTo(String.join("|", base, "base",
                "fns/us-east-1/222222222222/aws/amazonaws.com", "2-prod-${Literal}", "c", "yes-prod", "ami-111",
                "us-east-1a", "aGk=", "7", "vpc-123", "both", "none"));
        assertThat(outputs.get("StackIdOut")).isEqualTo(stack.stackId());
        assertThat(outputs).doesNotContainKey("DevOut");
        assertThat(cfn.listStackResources(r -> r.stackName("fns")).stackResourceSummaries())
                .extracting(s -> s.logicalResourceId()).containsExactlyInAnyOrder("Base", "Everything");
        String everything = cfn.describeStackResources(r -> r.stackName("fns").logicalResourceId("Everything"))
                .stackResources().get(0).physicalResourceId();
        assertThat(TestRecordHandler.LIVE.get(everything)).doesNotContainKey("Dropped");
    }

    @Test
    void getTemplateSummaryListsParametersTypesAndResourceTypes() {
        var r = cfn.getTemplateSummary(b -> b.templateBody("""
                Description: summary
                Parameters:
                  Env: {Type: String, AllowedValues: [dev, prod], Default: dev}
                Resources:
                  A: {Type: Test::Record}
                  B: {Type: Test::Record}
                """));
        assertThat(r.description()).isEqualTo("summary");
        assertThat(r.resourceTypes()).containsExactly("Test::Record");
        assertThat(r.parameters().get(0).parameterType()).isEqualTo("String");
        assertThat(r.parameters().get(0).parameterConstraints().allowedValues()).containsExactly("dev", "prod");
        assertThat(r.version()).isEqualTo("2010-09-09");
    }
}
