package dev.crossdeploy.localcloud.lambda;

import dev.crossdeploy.localcloud.lambda.functions.MessageHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** No more worker JVMs run at once than the cloud is configured for, however many functions are called. */
class WorkerCapTest {
    @RegisterExtension
    static LambdaTestCloud cloud = new LambdaTestCloud(2);

    private static long runningWorkerJvms() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("runtime.api.client.AWSLambda"))
                .filter(ProcessHandle::isAlive).count();
    }

    @Test
    void threeFunctionsCalledTogetherShareTwoWorkers() throws Exception {
        List<String> names = List.of("cap-a", "cap-b", "cap-c");
        for (String name : names) {
            String key = cloud.upload(name + ".zip", FunctionZips.of(MessageHandler.class).file("message.txt", name).bytes());
            cloud.deploy(name, LambdaTestCloud.functionTemplate(name, MessageHandler.class.getName(), key, Map.of()));
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger most = new AtomicInteger();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                most.accumulateAndGet((int) Math.max(runningWorkerJvms(), cloud.lambdaModule().workerPids().size()), Math::max);
                Thread.onSpinWait();
            }
        });
        watcher.start();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (String name : names) {
                    answers.add(callers.submit(() -> cloud.lambda().invoke(b -> b.functionName(name)).payload().asUtf8String()));
                }
            }
            List<String> got = new ArrayList<>();
            for (Future<String> f : answers) got.add(f.get());
            assertThat(got).containsExactlyInAnyOrder("\"cap-a\"", "\"cap-b\"", "\"cap-c\"", "\"cap-a\"", "\"cap-b\"", "\"cap-c\"");
        } finally {
            done.set(true);
            watcher.join();
            callers.shutdownNow();
        }
        assertThat(most.get()).isBetween(1, 2);
        assertThat(cloud.lambdaModule().workerPids()).hasSizeLessThanOrEqualTo(2);
    }
}
