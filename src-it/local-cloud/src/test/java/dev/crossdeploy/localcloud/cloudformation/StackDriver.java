package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.Stacks;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Test helper: creates and executes change sets and waits (bounded polling) for stacks to settle. */
final class StackDriver {
    private final CloudFormationClient cfn;
    private int counter;

    StackDriver(CloudFormationClient cfn) { this.cfn = cfn; }

    CloudFormationClient client() { return cfn; }

    /** Polls {@code read} until {@code done} holds, failing after a bound. */
    static <T> T await(Supplier<T> read, Predicate<T> done, String what) {
        return Stacks.await(read, done, what);
    }

    Stack stack(String name) {
        return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
    }

    /** Waits until the stack's status is no longer *_IN_PROGRESS (REVIEW_IN_PROGRESS counts as settled). */
    Stack settle(String name) {
        return await(() -> stack(name), s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS")
                || s.stackStatusAsString().equals("REVIEW_IN_PROGRESS"), "stack " + name + " to settle");
    }

    DescribeChangeSetResponse awaitChangeSet(String stack, String changeSet) {
        return await(() -> cfn.describeChangeSet(r -> r.stackName(stack).changeSetName(changeSet)),
                d -> d.status() == ChangeSetStatus.CREATE_COMPLETE || d.status() == ChangeSetStatus.FAILED,
                "change set " + changeSet);
    }

    CreateChangeSetResponse changeSet(String stack, String name, ChangeSetType type, String template,
                                      Consumer<CreateChangeSetRequest.Builder> extra) {
        CreateChangeSetRequest.Builder b = CreateChangeSetRequest.builder().stackName(stack).changeSetName(name)
                .changeSetType(type).templateBody(template)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM);
        extra.accept(b);
        return cfn.createChangeSet(b.build());
    }

    /** Creates (or updates) the stack through a change set, executes it and waits for the result. */
    Stack deploy(String stack, String template, Parameter... parameters) {
        return deploy(stack, template, b -> b.parameters(parameters));
    }

    Stack deploy(String stack, String template, Consumer<CreateChangeSetRequest.Builder> extra) {
        boolean exists = cfn.listStacks().stackSummaries().stream()
                .anyMatch(s -> s.stackName().equals(stack) && !s.stackStatusAsString().equals("DELETE_COMPLETE")
                        && !s.stackStatusAsString().equals("REVIEW_IN_PROGRESS"));
        String name = "cs" + (++counter);
        changeSet(stack, name, exists ? ChangeSetType.UPDATE : ChangeSetType.CREATE, template, extra);
        DescribeChangeSetResponse d = awaitChangeSet(stack, name);
        if (d.status() != ChangeSetStatus.CREATE_COMPLETE) throw new AssertionError("change set failed: " + d.statusReason());
        cfn.executeChangeSet(r -> r.stackName(stack).changeSetName(name));
        return settle(stack);
    }

    /** Every event oldest first, following NextToken. */
    List<StackEvent> events(String stack) {
        List<StackEvent> out = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            var page = cfn.describeStackEvents(r -> r.stackName(stack).nextToken(t));
            out.addAll(page.stackEvents());
            token = page.nextToken();
        } while (token != null);
        Collections.reverse(out);
        return out;
    }

    /** Events as "LogicalId STATUS[ reason]" lines, oldest first. */
    List<String> eventLines(String stack) {
        return events(stack).stream().map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString()
                + (e.resourceStatusReason() == null ? "" : " " + e.resourceStatusReason())).toList();
    }

    static Parameter param(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }
}
