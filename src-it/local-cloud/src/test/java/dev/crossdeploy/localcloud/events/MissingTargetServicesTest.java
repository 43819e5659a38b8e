package dev.crossdeploy.localcloud.events;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Targets that cannot be reached (a pipeline that does not exist, a function the rule may not
 * invoke): a matching event's deliveries are recorded as failed invocations and PutEvents still
 * succeeds.
 */
class MissingTargetServicesTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @Test
    void targetsOfServicesTheCloudDoesNotRunAreFailedInvocations() {
        Stacks.create(cloud.as("pipeline").cloudFormation(), "shop", EventsApiTest.TEMPLATE);
        var put = cloud.as("pipeline").eventBridge().putEvents(r -> r.entries(PutEventsRequestEntry.builder()
                .source("my.shop").detailType("Order Placed").detail("{\"amount\":200,\"customer\":\"bob\"}").build()));
        assertThat(put.failedEntryCount()).isZero();

        EventsModule events = cloud.cloud().state().module(EventsModule.class);
        Stacks.await(() -> events.invocations().size() == 2, "both targets to be tried");
        assertThat(events.invocations()).allSatisfy(i -> assertThat(i.succeeded()).isFalse());
        assertThat(events.invocations()).filteredOn(i -> i.targetId().equals("orders-pipeline")).singleElement()
                .satisfies(i -> assertThat(i.error()).isEqualTo(
                        "PipelineNotFoundException: Account '111111111111' does not have a pipeline with name 'orders'"));
    }
}
