package dev.crossdeploy.localcloud.events;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Policies;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The EventBridge API through the AWS SDK: PutEvents reaching a stack's rule, and the rule queries. */
class EventsApiTest {
    static final String TEMPLATE = """
            Resources:
              TriggerRole:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: big-order-trigger
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: { Service: events.amazonaws.com }
                        Action: sts:AssumeRole
                  Policies:
                    - PolicyName: start
                      PolicyDocument:
                        Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Action: codepipeline:StartPipelineExecution
                            Resource: !Sub "arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:orders"
              BigOrders:
                Type: AWS::Events::Rule
                Properties:
                  Name: big-orders
                  Description: Orders over 100
                  EventPattern:
                    source: [my.shop]
                    detail-type: [Order Placed]
                    detail:
                      amount: [{ numeric: [">", 100] }]
                      customer: [{ anything-but: [test] }]
                  Targets:
                    - Id: orders-pipeline
                      Arn: !Sub "arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:orders"
                      RoleArn: !GetAtt TriggerRole.Arn
                    - Id: notify
                      Arn: !Sub "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:notify"
            """;

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension(state -> new RecordingPipelineStarter());

    private EventsModule events() { return cloud.cloud().state().module(EventsModule.class); }

    private static PutEventsRequestEntry order(int amount, String customer) {
        return PutEventsRequestEntry.builder().source("my.shop").detailType("Order Placed")
                .detail("{\"amount\":" + amount + ",\"customer\":\"" + customer + "\"}").build();
    }

    @Test
    void putEventsReachesTheMatchingRulesTargets() {
        Stacks.create(cloud.as("pipeline").cloudFormation(), "shop", TEMPLATE);
        EventBridgeClient eb = cloud.as("pipeline").eventBridge();

        PutEventsResponse put = eb.putEvents(r -> r.entries(order(50, "alice"), order(500, "test"), order(150, "bob")));
        assertThat(put.failedEntryCount()).isZero();
        assertThat(put.entries()).hasSize(3).allSatisfy(e -> assertThat(e.eventId()).isNotBlank());

        // Only the third order matches; each of the rule's two targets gets it once.
        Stacks.await(() -> events().invocations().size() == 2, "both targets to be tried");
        RecordingPipelineStarter starter = cloud.cloud().state().module(RecordingPipelineStarter.class);
        assertThat(starter.starts).singleElement().satisfies(s -> {
            assertThat(s.pipelineName()).isEqualTo("orders");
            assertThat(s.startedBy().roleArn()).isEqualTo("arn:aws:iam::111111111111:role/big-order-trigger");
        });
        List<TargetInvocation> invocations = events().invocations();
        assertThat(invocations).allSatisfy(i -> assertThat(i.eventId()).isEqualTo(put.entries().get(2).eventId()));
        // The function target has no policy letting EventBridge invoke it: that delivery fails
        // without failing PutEvents.
        assertThat(invocations).filteredOn(i -> i.targetId().equals("notify")).singleElement()
                .satisfies(i -> assertThat(i.error())
                        .isEqualTo("events.amazonaws.com is not allowed to invoke arn:aws:lambda:us-east-1:111111111111:function:notify"));
    }

    @Test
    void awsSourcesAndIncompleteEntriesAreRefusedPerEntry() {
        PutEventsResponse put = cloud.as("pipeline").eventBridge().putEvents(r -> r.entries(
                PutEventsRequestEntry.builder().source("aws.codecommit").detailType("x").detail("{}").build(),
                PutEventsRequestEntry.builder().detailType("x").detail("{}").build(),
                PutEventsRequestEntry.builder().source("my.shop").detailType("x").detail("[1]").build(),
                order(1, "a")));
        assertThat(put.failedEntryCount()).isEqualTo(3);
        assertThat(put.entries().get(0).errorCode()).isEqualTo("NotAuthorizedForSourceException");
        assertThat(put.entries().get(1).errorMessage()).isEqualTo("Parameter Source is not valid. Reason: Source is a required argument.");
        assertThat(put.entries().get(2).errorMessage()).isEqualTo("Detail is malformed.");
        assertThat(put.entries().get(3).eventId()).isNotBlank();
    }

    @Test
    void rulesAndTargetsAreListedAndDescribed() {
        Stacks.create(cloud.as("pipeline").cloudFormation(), "shop", TEMPLATE);
        EventBridgeClient eb = cloud.as("pipeline").eventBridge();

        List<Rule> rules = eb.listRules(r -> r.namePrefix("big")).rules();
        assertThat(rules).singleElement().satisfies(r -> {
            assertThat(r.arn()).isEqualTo("arn:aws:events:us-east-1:111111111111:rule/big-orders");
            assertThat(r.stateAsString()).isEqualTo("ENABLED");
            assertThat(r.eventBusName()).isEqualTo("default");
        });
        var described = eb.describeRule(r -> r.name("big-orders"));
        assertThat(described.description()).isEqualTo("Orders over 100");
        assertThat(described.eventPattern()).contains("\"numeric\"");
        List<Target> targets = eb.listTargetsByRule(r -> r.rule("big-orders")).targets();
        assertThat(targets).extracting(Target::id).containsExactly("orders-pipeline", "notify");
        assertThat(targets.get(0).roleArn()).isEqualTo("arn:aws:iam::111111111111:role/big-order-trigger");

        assertThatThrownBy(() -> eb.describeRule(r -> r.name("missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Rule missing does not exist on EventBus default.");
        // Another account has its own default bus, without this rule.
        assertThat(cloud.as("staging").eventBridge().listRules(r -> {}).rules()).isEmpty();
    }

    @Test
    void aRoleWithoutEventsPermissionsIsRefused() {
        var iam = cloud.as("pipeline").iam();
        iam.createRole(r -> r.roleName("reader").assumeRolePolicyDocument(Policies.trustAccount("111111111111")));
        iam.putRolePolicy(r -> r.roleName("reader").policyName("s3").policyDocument(Policies.allow("s3:GetObject", "*")));
        var assumed = cloud.as("pipeline").sts().assumeRole(r -> r.roleArn("arn:aws:iam::111111111111:role/reader").roleSessionName("rs"));
        EventBridgeClient eb = dev.crossdeploy.localcloud.support.Clients.from(cloud, assumed).eventBridge();
        assertThatThrownBy(() -> eb.putEvents(r -> r.entries(order(1, "a"))))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).startsWith("User: arn:aws:sts::111111111111:assumed-role/reader/rs is not authorized to perform: events:PutEvents on resource: arn:aws:events:us-east-1:111111111111:event-bus/default");
                });
    }
}
