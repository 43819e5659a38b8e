package dev.crossdeploy.localcloud.faults;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HoldsTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @Test
    void theNextMatchingRequestWaitsUntilReleasedAndLaterOnesPass() throws Exception {
        Holds.Hold hold = cloud.cloud().state().holds().next("sts", "GetCallerIdentity");
        var sts = cloud.as("pipeline").sts();

        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> sts.getCallerIdentity().account());
        assertThat(hold.awaitArrival(Duration.ofSeconds(10))).isTrue();
        assertThat(held).isNotDone();
        assertThat(cloud.as("pipeline").sts().getCallerIdentity().account()).isEqualTo("111111111111");

        hold.release();
        assertThat(held.get(10, TimeUnit.SECONDS)).isEqualTo("111111111111");
    }

    @Test
    void otherActionsAreNotHeld() throws Exception {
        Holds.Hold hold = cloud.cloud().state().holds().next("sts", "AssumeRole");
        assertThat(cloud.as("pipeline").sts().getCallerIdentity().account()).isEqualTo("111111111111");
        assertThat(hold.arrived()).isFalse();
    }
}
