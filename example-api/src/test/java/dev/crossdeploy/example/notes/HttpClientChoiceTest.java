package dev.crossdeploy.example.notes;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function ships the URLConnection HTTP client only: the Apache and Netty clients would
 * add megabytes to the zip and time to every cold start. The SDK's dynamodb module pulls one
 * in by default, so the POM's exclusions are what this guards.
 */
class HttpClientChoiceTest {
    @Test
    void onlyTheUrlConnectionClientIsOnTheClasspath() {
        assertThat(List.of(
                "software.amazon.awssdk.http.apache.ApacheHttpClient",
                "software.amazon.awssdk.http.apache5.Apache5HttpClient",
                "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient",
                "org.apache.hc.client5.http.classic.HttpClient",
                "org.apache.http.client.HttpClient"))
                .allSatisfy(name -> assertThat(isPresent(name)).as(name).isFalse());
        assertThat(isPresent("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient")).isTrue();
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, HttpClientChoiceTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
