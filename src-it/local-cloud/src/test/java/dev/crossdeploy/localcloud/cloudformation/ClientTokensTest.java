package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.faults.FaultKind;
import dev.crossdeploy.localcloud.faults.FaultRule;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes retried after their answer was lost (the SDK's retries): CreateChangeSet's ClientToken,
 * ExecuteChangeSet's and DeleteStack's ClientRequestToken make the retry a no-op, as in AWS.
 */
class ClientTokensTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    static final String TEMPLATE = "Resources:\n  Logs: {Type: AWS::Logs::LogGroup}\n";

    /** A client that retries, as every real one does. */
    CloudFormationClient retrying() {
        var a = cloud.cloud().account("staging");
        return CloudFormationClient.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.of(cloud.cloud().region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)).build();
    }

    void loseNextResponseOf(String action) {
        cloud.cloud().state().faults().add(FaultRule.next(1, "cloudformation", action, FaultKind.LOSE_RESPONSE));
    }

    @Test
    void aCreateChangeSetRetriedAfterItsAnswerWasLostMakesOneChangeSet() {
        try (CloudFormationClient cfn = retrying()) {
            loseNextResponseOf("CreateChangeSet");
            var created = new StackDriver(cfn).changeSet("app", "first", ChangeSetType.CREATE, TEMPLATE, b -> b.clientToken("tok-1"));

            assertThat(cloud.cloud().state().faults().fired()).isEqualTo(1);
            assertThat(cfn.listChangeSets(r -> r.stackName("app")).summaries()).singleElement()
                    .satisfies(s -> assertThat(s.changeSetId()).isEqualTo(created.id()));
        }
    }

    @Test
    void anotherClientTokenForTheSameChangeSetNameIsAnotherRequest() {
        try (CloudFormationClient cfn = retrying()) {
            StackDriver driver = new StackDriver(cfn);
            driver.changeSet("app", "first", ChangeSetType.CREATE, TEMPLATE, b -> b.clientToken("tok-1"));

            assertThatThrownBy(() -> driver.changeSet("app", "first", ChangeSetType.CREATE, TEMPLATE, b -> b.clientToken("tok-2")))
                    .isInstanceOfSatisfying(CloudFormationException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AlreadyExistsException");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("ChangeSet first cannot be created due to a mismatch with existing attribute ClientToken");
                    });
        }
    }

    @Test
    void anExecuteChangeSetRetriedAfterItsAnswerWasLostRunsTheChangeSetOnce() {
        try (CloudFormationClient cfn = retrying()) {
            StackDriver driver = new StackDriver(cfn);
            var created = driver.changeSet("app", "first", ChangeSetType.CREATE, TEMPLATE, b -> { });
            driver.awaitChangeSet("app", "first");
            loseNextResponseOf("ExecuteChangeSet");

            cfn.executeChangeSet(r -> r.changeSetName(created.id()).clientRequestToken("exec-1"));

            assertThat(cloud.cloud().state().faults().fired()).isEqualTo(1);
            assertThat(driver.settle("app").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
            var events = driver.events("app");
            assertThat(events).filteredOn(e -> e.logicalResourceId().equals("app") && e.resourceStatusAsString().equals("CREATE_IN_PROGRESS"))
                    .singleElement().extracting(StackEvent::clientRequestToken).isEqualTo("exec-1");
        }
    }

    @Test
    void aDeleteStackRetriedAfterItsAnswerWasLostDeletesOnce() {
        try (CloudFormationClient cfn = retrying()) {
            StackDriver driver = new StackDriver(cfn);
            driver.deploy("app", TEMPLATE);
            String id = driver.stack("app").stackId();
            loseNextResponseOf("DeleteStack");

            cfn.deleteStack(r -> r.stackName(id).clientRequestToken("delete-1"));

            StackDriver.await(() -> cfn.describeStacks(r -> r.stackName(id)).stacks().get(0),
                    s -> s.stackStatus() == StackStatus.DELETE_COMPLETE, "stack deleted");
            var events = driver.events(id);
            assertThat(events).filteredOn(e -> e.logicalResourceId().equals("app") && e.resourceStatusAsString().equals("DELETE_IN_PROGRESS"))
                    .singleElement().extracting(StackEvent::clientRequestToken).isEqualTo("delete-1");
        }
    }
}
