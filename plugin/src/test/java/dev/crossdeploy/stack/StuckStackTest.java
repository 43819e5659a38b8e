package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the user is told to run when a stack is stuck in a state only a person can resolve. */
class StuckStackTest {
    static final Stage PROD = new Stage("prod", "444444444444", "us-east-1", null,
            "arn:aws:iam::444444444444:role/crossdeploy-cfn-exec", null, "", null, null,
            Map.of(), Map.of(), true, List.of(), null);

    @Test
    void updateRollbackFailedSaysHowToContinueTheRollback() {
        Stack stack = Stack.builder().stackName("orders-prod").stackStatus("UPDATE_ROLLBACK_FAILED")
                .stackStatusReason("The following resource(s) failed to update: [Role].").build();

        assertThat(StackDeployer.stuck(stack, PROD)).hasMessage("Stack orders-prod is in UPDATE_ROLLBACK_FAILED"
                + " (The following resource(s) failed to update: [Role].); fix the cause, then run:"
                + " aws cloudformation continue-update-rollback --stack-name orders-prod"
                + " --role-arn arn:aws:iam::444444444444:role/crossdeploy-cfn-exec and deploy again");
    }

    @Test
    void otherDeadEndsSayToDeleteTheStack() {
        Stack stack = Stack.builder().stackName("orders-qa").stackStatus("DELETE_FAILED").build();

        assertThat(StackDeployer.stuck(stack, PROD)).hasMessage("Stack orders-qa is in DELETE_FAILED; CloudFormation cannot"
                + " update it from there: delete it (aws cloudformation delete-stack --stack-name orders-qa) and deploy again");
    }
}
