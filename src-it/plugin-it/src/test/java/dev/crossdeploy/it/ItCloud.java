package dev.crossdeploy.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the invoker projects' hook scripts need from the local cloud that runs beside the
 * build: waiting until it serves, resetting it to src/it/cloud.yaml, and SDK clients signed
 * as an account's root for checking what a build left behind ({@link ItStacks},
 * {@link ItArtifacts} look with them).
 */
public final class ItCloud {
    private static final Map<String, String[]> ROOT_KEYS = Map.of(
            "pipeline", new String[]{"AKIAPIPELINE11111111", "pipeline/secret/key/for/the/local/cloud1"},
            "staging", new String[]{"AKIASTAGING222222222", "staging/secret/key/for/the/local/cloud22"},
            "qa", new String[]{"AKIAQA33333333333333", "qa/secret/key/for/the/local/cloud3333333"},
            "prod", new String[]{"AKIAPROD444444444444", "prod/secret/key/for/the/local/cloud444444"},
            "sandbox", new String[]{"AKIASANDBOX555555555", "sandbox/secret/key/for/the/local/cloud55"});

    private static final Map<String, String> ACCOUNT_IDS = Map.of(
            "pipeline", "111111111111", "staging", "222222222222", "qa", "333333333333",
            "prod", "444444444444", "sandbox", "555555555555");

    private ItCloud() {}

    /** Waits (at most 60 s) until the cloud answers, then resets it. */
    public static void prepare(Object port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://localhost:" + port + "/_localcloud/");
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                var health = http.send(HttpRequest.newBuilder(base.resolve("health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) break;
            } catch (ConnectException notYet) {
                // The cloud's JVM is still starting.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The local cloud did not answer on port " + port + " within 60 s; see target/local-cloud.log");
            }
            Thread.sleep(100);
        }
        var reset = http.send(HttpRequest.newBuilder(base.resolve("reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (reset.statusCode() != 200) throw new IllegalStateException("Reset failed: " + reset.body());
    }

    /** Adds a fault rule, e.g. {@code {"service":"cloudformation","action":"DescribeStackEvents","kind":"THROTTLE","count":3}}. */
    public static void fault(Object port, String ruleJson) throws IOException, InterruptedException {
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_localcloud/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(ruleJson)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("Fault rule refused: " + r.body());
    }

    /** How many fault rules fired since the last reset. */
    public static int faultsFired(Object port) throws IOException, InterruptedException {
        var r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_localcloud/faults")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Integer.parseInt(r.body().replaceAll("\\D", ""));
    }

    public static CloudFormationClient cloudFormation(Object port, String account) {
        return client(CloudFormationClient.builder(), port, account);
    }

    /** Any SDK client of the local cloud, signed as {@code account}'s root. */
    public static <B extends AwsClientBuilder<B, C>, C> C client(B builder, Object port, String account) {
        String[] key = ROOT_KEYS.get(account);
        if (key == null) throw new IllegalArgumentException("Unknown account " + account + "; known: " + ROOT_KEYS.keySet());
        return builder.endpointOverride(URI.create("http://localhost:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key[0], key[1])))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }

    public static S3Client s3(Object port, String account) {
        String[] key = ROOT_KEYS.get(account);
        return S3Client.builder().endpointOverride(URI.create("http://localhost:" + port))
                .region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key[0], key[1])))
                .build();
    }

    /** The 12-digit id of the account called {@code account} in cloud.yaml (pipeline, staging, qa, prod, sandbox). */
    public static String accountId(String account) {
        String id = ACCOUNT_IDS.get(account);
        if (id == null) throw new IllegalArgumentException("Unknown account " + account + "; known: " + ACCOUNT_IDS.keySet());
        return id;
    }

    /**
     * Asserts that no deployment account (staging, qa, prod, sandbox) has a stack or an
     * artifact: what a build refused before its first write leaves behind.
     */
    public static void assertNothingWritten(Object port) {
        List<String> found = new java.util.ArrayList<>();
        for (String account : List.of("staging", "qa", "prod", "sandbox")) {
            ItStacks.names(port, account).forEach(s -> found.add("stack " + s + " in " + account));
            ItArtifacts.keys(port, account).forEach(k -> found.add("object " + k + " in " + ItArtifacts.bucket(account)));
        }
        if (!found.isEmpty()) throw new AssertionError("Expected nothing written, found: " + found);
    }

}
