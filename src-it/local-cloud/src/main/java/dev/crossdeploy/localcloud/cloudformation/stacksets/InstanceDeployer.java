package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEvent;
import dev.crossdeploy.localcloud.cloudformation.engine.StackOptions;
import dev.crossdeploy.localcloud.cloudformation.template.ParameterValues;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateException;
import dev.crossdeploy.localcloud.http.AwsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Brings one stack instance to what its operation asks: creates or updates the instance's stack
 * (named {@code StackSet-<set>-<uuid>}, as CloudFormation names them) with the set's template and
 * the instance's parameters, or deletes it, through the stack engine as the target account's
 * execution role; waits for the stack to settle and records the outcome on the instance and
 * the operation's result.
 */
final class InstanceDeployer {
    private static final Duration STACK_TIMEOUT = Duration.ofMinutes(10);

    private final StackSetHost host;
    private final ExecutionRoles roles;

    InstanceDeployer(StackSetHost host) {
        this.host = host;
        this.roles = new ExecutionRoles(host.state().iam());
    }

    void run(StackSetOperation op, StackInstance instance, OperationResult result) {
        result.status = "RUNNING";
        instance.detailedStatus = "RUNNING";
        boolean delete = op.action.equals("DELETE");
        if (delete && (Boolean.TRUE.equals(op.retainStacks) || liveStack(instance).isEmpty())) {
            // Retained, the stack stays in the target account, no longer part of the set; without
            // a stack there is nothing to delete there.
            op.set.removeInstance(instance);
            result.finish("SUCCEEDED", null);
            return;
        }
        ExecutionRoles.Access access = roles.into(op, instance.account);
        if (!access.allowed()) {
            result.gateStatus = "FAILED";
            result.gateReason = access.failure();
            fail(instance, result, delete, access.failure());
            return;
        }
        result.gateStatus = "SKIPPED";
        result.gateReason = "Function not found: arn:aws:lambda:" + instance.region + ":" + instance.account
                + ":function:AWSCloudFormationStackSetAccountGate";
        String failure;
        try {
            failure = delete ? delete(op, instance, access.executor()) : deploy(op, instance, access.executor());
        } catch (AwsException | TemplateException e) {
            failure = e.getMessage();
        }
        if (failure != null) {
            fail(instance, result, delete, failure);
        } else {
            if (!delete) instance.settle("CURRENT", "SUCCEEDED", null);
            result.finish("SUCCEEDED", null);
        }
    }

    private static void fail(StackInstance instance, OperationResult result, boolean delete, String reason) {
        if (delete) instance.settle("INOPERABLE", "INOPERABLE", reason);
        else instance.settle("OUTDATED", "FAILED", reason);
        result.finish("FAILED", reason);
    }

    /** Creates the instance's stack, or updates it when it has one; null when it settled as asked. */
    private String deploy(StackSetOperation op, StackInstance instance, Principal executor) {
        StackSet set = op.set;
        Optional<Stack> live = liveStack(instance).filter(Stack::isUpdatable);
        Map<String, String> values = ParameterValues.resolve(set.template, inputs(set, instance),
                live.map(Stack::parameters).orElse(Map.of()));
        if (live.isEmpty()) {
            Stack stack = host.engine().newStack(instance.account, instance.region, "StackSet-" + set.name + "-" + UUID.randomUUID());
            host.engine().createStack(stack, set.template, values, set.tags, set.capabilities, null, List.of(),
                    new StackOptions(null, false, false, null, null), executor);
            instance.stackId = stack.id();
            return settled(stack, "CREATE_COMPLETE");
        }
        Stack stack = live.get();
        try {
            host.engine().updateStack(stack, set.template, values, set.tags, set.capabilities, null, stack.notificationArns(),
                    new StackOptions(null, false, stack.terminationProtection(), stack.timeoutInMinutes(), null), executor);
        } catch (AwsException e) {
            if (e.getMessage().equals("No updates are to be performed.")) return null;
            throw e;
        }
        return settled(stack, "UPDATE_COMPLETE");
    }

    private String delete(StackSetOperation op, StackInstance instance, Principal executor) {
        Optional<Stack> live = liveStack(instance);
        if (live.isPresent()) {
            host.engine().delete(live.get(), executor, null, Set.of());
            String failure = settled(live.get(), "DELETE_COMPLETE");
            if (failure != null) return failure;
        }
        op.set.removeInstance(instance);
        return null;
    }

    private Optional<Stack> liveStack(StackInstance instance) {
        if (instance.stackId == null) return Optional.empty();
        return host.store().find(instance.account, instance.region, instance.stackId).filter(s -> !s.isDeleted());
    }

    /** The set's parameter values with the instance's overrides on top. */
    private static List<ParameterValues.Input> inputs(StackSet set, StackInstance instance) {
        Map<String, String> merged = new LinkedHashMap<>(set.parameters);
        merged.putAll(instance.overrides);
        List<ParameterValues.Input> out = new ArrayList<>();
        merged.forEach((k, v) -> out.add(new ParameterValues.Input(k, v, false)));
        return out;
    }

    /** Waits for the engine to finish the stack's operation; null when it ended in {@code expected}. */
    private String settled(Stack stack, String expected) {
        long deadline = System.nanoTime() + STACK_TIMEOUT.toNanos();
        while (host.engine().busy(stack) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "Internal Failure";
            }
        }
        if (expected.equals(stack.status())) return null;
        return rootCause(stack);
    }

    /** The first resource failure of the stack's last operation, worded as StackSets reports it. */
    private static String rootCause(Stack stack) {
        List<StackEvent> events = stack.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            StackEvent e = events.get(i);
            if (e.logicalId().equals(stack.name()) && e.status().endsWith("_IN_PROGRESS")
                    && "User Initiated".equals(e.reason())) {
                for (int j = i; j < events.size(); j++) {
                    StackEvent f = events.get(j);
                    if (!f.logicalId().equals(stack.name()) && f.status().endsWith("_FAILED")
                            && f.reason() != null) {
                        return "ResourceLogicalId:" + f.logicalId() + ", ResourceType:" + f.resourceType()
                                + ", ResourceStatusReason:" + f.reason() + ".";
                    }
                }
                break;
            }
        }
        return stack.statusReason() == null ? "Stack " + stack.name() + " is in " + stack.status() + " state" : stack.statusReason();
    }
}
