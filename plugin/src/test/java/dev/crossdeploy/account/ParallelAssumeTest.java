package dev.crossdeploy.account;

import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.testing.LocalCloudFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cache lets the stages of a fan-out assume their roles at the same time, and still
 * assumes one role once when two callers ask for the same stage together.
 */
class ParallelAssumeTest {
    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture();

    private final SessionCache cache = new SessionCache();
    /** Two threads of its own: the common pool may have one on a small machine. */
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        threads.shutdownNow();
        cache.closeAll();
    }

    private SessionKey key(Stage stage, AwsSettings settings) {
        return SessionKey.of(stage, settings, "crossdeploy-" + stage.name(), settings.baseCredentials().resolveCredentials());
    }

    @Test
    void twoStagesAssumeTheirRolesAtTheSameTime() throws Exception {
        Stage qa = cloud.stage("qa", cloud.seed("qa").withoutBucket().apply());
        Stage staging = cloud.stage("staging", cloud.seed("staging").withoutBucket().apply());
        AwsSettings settings = cloud.pipelineSettings();
        CyclicBarrier bothAssuming = new CyclicBarrier(2);

        var toQa = CompletableFuture.supplyAsync(() -> cache.lease("build", key(qa, settings),
                meetThenAssume(bothAssuming, qa, settings)), threads);
        var toStaging = CompletableFuture.supplyAsync(() -> cache.lease("build", key(staging, settings),
                meetThenAssume(bothAssuming, staging, settings)), threads);

        // Under one lock the second assumption could not start until the first ended: the barrier would break.
        assertThat(toQa.get(20, TimeUnit.SECONDS).identityArn()).startsWith("arn:aws:sts::333333333333:");
        assertThat(toStaging.get(20, TimeUnit.SECONDS).identityArn()).startsWith("arn:aws:sts::222222222222:");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void twoCallersForOneStageShareOneAssumption() throws Exception {
        Stage qa = cloud.stage("qa", cloud.seed("qa").withoutBucket().apply());
        AwsSettings settings = cloud.pipelineSettings();
        AtomicInteger assumptions = new AtomicInteger();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<AssumedRole> slowAssume = () -> {
            assumptions.incrementAndGet();
            firstInside.countDown();
            await(release);
            return AssumedRole.assume(qa, settings, "crossdeploy-qa");
        };

        var first = CompletableFuture.supplyAsync(() -> cache.lease("build", key(qa, settings), slowAssume), threads);
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> secondThread = new AtomicReference<>();
        var second = CompletableFuture.supplyAsync(() -> {
            secondThread.set(Thread.currentThread());
            return cache.lease("build", key(qa, settings), slowAssume);
        }, threads);
        waitUntilWaiting(secondThread);
        release.countDown();

        assertThat(second.get(20, TimeUnit.SECONDS)).isSameAs(first.get(20, TimeUnit.SECONDS));
        assertThat(assumptions).hasValue(1);
    }

    private static Supplier<AssumedRole> meetThenAssume(CyclicBarrier barrier, Stage stage, AwsSettings settings) {
        return () -> {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other stage never started assuming its role", e);
            }
            return AssumedRole.assume(stage, settings, "crossdeploy-" + stage.name());
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bounded wait until the second caller parks on the first one's assumption. */
    private static void waitUntilWaiting(AtomicReference<Thread> thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) throw new AssertionError("the second caller never waited");
            Thread.sleep(5);
        }
    }
}
