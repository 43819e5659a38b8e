package dev.crossdeploy.stack;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RootCauseTest {
    static final String STACK_ID = "arn:aws:cloudformation:us-east-1:222222222222:stack/orders/1";

    static StackEvent event(String logicalId, String type, String physicalId, String status, String reason) {
        return StackEvent.builder().eventId(logicalId + status).stackId(STACK_ID).logicalResourceId(logicalId)
                .resourceType(type).physicalResourceId(physicalId).resourceStatus(status).resourceStatusReason(reason).build();
    }

    @Test
    void theFirstResourceFailingForItsOwnReasonIsTheCause() {
        List<StackEvent> events = List.of(
                event("orders", "AWS::CloudFormation::Stack", STACK_ID, "UPDATE_IN_PROGRESS", "User Initiated"),
                event("Queue", "AWS::SQS::Queue", "", "CREATE_FAILED", "Resource creation cancelled"),
                event("Logs", "AWS::Logs::LogGroup", "", "CREATE_FAILED", "Invalid retention value 8"),
                event("Other", "AWS::Logs::LogGroup", "", "CREATE_FAILED", "later failure"),
                event("orders", "AWS::CloudFormation::Stack", STACK_ID, "UPDATE_ROLLBACK_IN_PROGRESS",
                        "The following resource(s) failed to create: [Logs, Queue]."));

        assertThat(RootCause.describe(events, STACK_ID, "fallback"))
                .isEqualTo("Logs (AWS::Logs::LogGroup) CREATE_FAILED: Invalid retention value 8");
    }

    @Test
    void withoutAResourceReasonTheStacksOwnReasonIsGiven() {
        List<StackEvent> events = List.of(
                event("orders", "AWS::CloudFormation::Stack", STACK_ID, "CREATE_FAILED", "Role is invalid or cannot be assumed"));

        assertThat(RootCause.describe(events, STACK_ID, "Role is invalid or cannot be assumed"))
                .isEqualTo("Role is invalid or cannot be assumed");
        assertThat(RootCause.describe(List.of(), STACK_ID, null)).isEqualTo("CloudFormation gave no reason");
    }
}
