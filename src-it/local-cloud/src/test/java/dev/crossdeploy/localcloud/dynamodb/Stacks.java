package dev.crossdeploy.localcloud.dynamodb;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

import java.time.Duration;

import static dev.crossdeploy.localcloud.support.Stacks.await;

/** Test helper: creates, updates and deletes stacks and waits (bounded polling) for them to settle. */
final class Stacks {
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final CloudFormationClient cfn;
    private int counter;

    Stacks(CloudFormationClient cfn) { this.cfn = cfn; }

    Stack create(String name, String template) { return deploy(name, template, ChangeSetType.CREATE); }

    Stack update(String name, String template) { return deploy(name, template, ChangeSetType.UPDATE); }

    /** Through a change set, as the local cloud's CloudFormation takes templates. */
    private Stack deploy(String name, String template, ChangeSetType type) {
        String changeSet = "cs" + (++counter);
        cfn.createChangeSet(r -> r.stackName(name).changeSetName(changeSet).changeSetType(type).templateBody(template));
        await(() -> cfn.describeChangeSet(r -> r.stackName(name).changeSetName(changeSet)).status() != ChangeSetStatus.CREATE_IN_PROGRESS
                        && cfn.describeChangeSet(r -> r.stackName(name).changeSetName(changeSet)).status() != ChangeSetStatus.CREATE_PENDING,
                "change set " + changeSet);
        var described = cfn.describeChangeSet(r -> r.stackName(name).changeSetName(changeSet));
        if (described.status() != ChangeSetStatus.CREATE_COMPLETE) throw new AssertionError("change set failed: " + described.statusReason());
        cfn.executeChangeSet(r -> r.stackName(name).changeSetName(changeSet));
        return settle(name);
    }

    /** Deletes the stack and waits until it is gone (DELETE_COMPLETE or no longer listed). */
    void delete(String name) {
        String id = stack(name).stackId();
        cfn.deleteStack(r -> r.stackName(name));
        await(() -> cfn.describeStacks(r -> r.stackName(id)).stacks().get(0).stackStatus() == StackStatus.DELETE_COMPLETE,
                "stack " + name + " to be deleted");
    }

    Stack stack(String name) { return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0); }

    /** The reason the stack's first failed resource gives. */
    String failureReason(String name) {
        return cfn.describeStackEvents(r -> r.stackName(name)).stackEvents().stream()
                .filter(e -> e.resourceStatusAsString().endsWith("_FAILED") && !e.logicalResourceId().equals(name))
                .map(StackEvent::resourceStatusReason).findFirst().orElse(null);
    }

    private Stack settle(String name) {
        await(() -> !stack(name).stackStatusAsString().endsWith("_IN_PROGRESS"), "stack " + name + " to settle");
        return stack(name);
    }

}
