package dev.crossdeploy.it;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What CloudFormation in an account says about the stacks a build left, asked as the account's root. */
public final class ItStacks {
    private ItStacks() {}

    /** The stack called {@code stackName} in the account, or null when there is none (deleted stacks count as none). */
    public static Stack stack(Object port, String account, String stackName) {
        try (CloudFormationClient cfn = ItCloud.cloudFormation(port, account)) {
            return cfn.describeStacks(b -> b.stackName(stackName)).stacks().get(0);
        } catch (CloudFormationException e) {
            if (e.getMessage().contains("does not exist")) return null;
            throw e;
        }
    }

    /** The stack's status, or null when there is no such stack. */
    public static String status(Object port, String account, String stackName) {
        Stack stack = stack(port, account, stackName);
        return stack == null ? null : stack.stackStatusAsString();
    }

    /** The names of the account's stacks that are not deleted. */
    public static List<String> names(Object port, String account) {
        try (CloudFormationClient cfn = ItCloud.cloudFormation(port, account)) {
            return cfn.listStacksPaginator(b -> {}).stackSummaries().stream()
                    .filter(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE)
                    .map(StackSummary::stackName).toList();
        }
    }

    /** The stack's parameter values by key (NoEcho ones as CloudFormation masks them). */
    public static Map<String, String> parameters(Object port, String account, String stackName) {
        Stack stack = stack(port, account, stackName);
        if (stack == null) throw new AssertionError("No stack " + stackName + " in account " + account);
        return stack.parameters().stream().collect(Collectors.toMap(Parameter::parameterKey, Parameter::parameterValue,
                (a, b) -> b, LinkedHashMap::new));
    }

    /** The stack's resources: logical id to physical id, in CloudFormation's order. */
    public static Map<String, String> resources(Object port, String account, String stackName) {
        try (CloudFormationClient cfn = ItCloud.cloudFormation(port, account)) {
            return cfn.describeStackResources(b -> b.stackName(stackName)).stackResources().stream()
                    .collect(Collectors.toMap(r -> r.logicalResourceId(), r -> r.physicalResourceId(),
                            (a, b) -> b, LinkedHashMap::new));
        }
    }

    /** The statuses the stack itself went through, oldest first (CREATE_IN_PROGRESS, CREATE_COMPLETE, ...). */
    public static List<String> statusHistory(Object port, String account, String stackName) {
        try (CloudFormationClient cfn = ItCloud.cloudFormation(port, account)) {
            List<String> newestFirst = cfn.describeStackEventsPaginator(b -> b.stackName(stackName)).stackEvents().stream()
                    .filter(e -> "AWS::CloudFormation::Stack".equals(e.resourceType()))
                    .map(e -> e.resourceStatusAsString()).toList();
            List<String> history = new ArrayList<>(newestFirst);
            Collections.reverse(history);
            return history;
        }
    }

    /**
     * The names of the change sets ListChangeSets shows for the stack: those not executed (an
     * executed one is known by its ARN only), i.e. what a deployment left behind.
     */
    public static List<String> leftoverChangeSets(Object port, String account, String stackName) {
        try (CloudFormationClient cfn = ItCloud.cloudFormation(port, account)) {
            return cfn.listChangeSets(b -> b.stackName(stackName)).summaries().stream()
                    .map(s -> s.changeSetName()).toList();
        }
    }
}
