package dev.crossdeploy.account;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;

/**
 * The retry policy of every client: the SDK's adaptive mode, which retries throttling and 5xx
 * answers with backoff and slows the client down while the service throttles — what a
 * pipeline deploying many stacks at once needs.
 */
final class Retries {
    private Retries() {}

    static ClientOverrideConfiguration policy() {
        return ClientOverrideConfiguration.builder().retryStrategy(RetryMode.ADAPTIVE_V2).build();
    }
}
