package dev.crossdeploy.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every SDK call made in the test JVM as "Service Operation" ("S3 HeadObject"), so a
 * test can prove what the code under test sent. Registered for all clients through the SDK's
 * global interceptor file {@code software/amazon/awssdk/global/handlers/execution.interceptors}
 * in the test resources; {@link LocalCloudFixture} clears it before each test.
 */
public final class RequestLog implements ExecutionInterceptor {
    private static final int LIMIT = 10_000;
    private static final List<String> CALLS = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String call = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (CALLS) {
            if (CALLS.size() < LIMIT) CALLS.add(call);
        }
    }

    public static void clear() {
        synchronized (CALLS) {
            CALLS.clear();
        }
    }

    /** Calls so far, in order. */
    public static List<String> calls() {
        synchronized (CALLS) {
            return List.copyOf(CALLS);
        }
    }

    /** Calls to one service as the SDK names it ("S3", "Sts", "Iam", "CloudFormation"), in order; one entry per call however often the SDK retried it. */
    public static List<String> calls(String service) {
        return calls().stream().filter(c -> c.startsWith(service + " ")).toList();
    }
}
