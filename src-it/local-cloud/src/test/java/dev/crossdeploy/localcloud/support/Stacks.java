package dev.crossdeploy.localcloud.support;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helper: creates a stack and waits (bounded) until it settles. */
public final class Stacks {
    private Stacks() {}

    /** Creates the stack, waits for it and requires CREATE_COMPLETE. */
    public static Stack create(CloudFormationClient cfn, String name, String template, Parameter... parameters) {
        cfn.createStack(r -> r.stackName(name).templateBody(template).parameters(parameters)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM));
        Stack s = settle(cfn, name);
        assertThat(s.stackStatusAsString()).as(s.stackStatusReason()).isEqualTo("CREATE_COMPLETE");
        return s;
    }

    public static Stack settle(CloudFormationClient cfn, String name) {
        Stack[] s = new Stack[1];
        await(() -> {
            s[0] = cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
            return !s[0].stackStatusAsString().endsWith("_IN_PROGRESS");
        }, "stack " + name + " to settle");
        return s[0];
    }

    public static String output(Stack stack, String key) {
        return stack.outputs().stream().filter(o -> o.outputKey().equals(key)).findFirst().orElseThrow().outputValue();
    }

    /** Polls until the condition holds, failing after 30 seconds. */
    public static void await(BooleanSupplier condition, String what) {
        await(condition::getAsBoolean, done -> done, what);
    }

    /** Reads until {@code done} holds for the value read, and returns it; fails after 30 seconds. */
    public static <T> T await(Supplier<T> read, Predicate<T> done, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        T value = read.get();
        while (!done.test(value)) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("Timed out waiting for " + what + ": " + value);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = read.get();
        }
        return value;
    }
}
