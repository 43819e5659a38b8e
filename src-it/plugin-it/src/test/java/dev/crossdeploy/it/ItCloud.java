package dev.crossdeploy.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the invoker projects' hook scripts need from the local cloud that runs beside the
 * build: waiting until it serves, resetting it to src/it/cloud.yaml, and SDK clients signed
 * as an account's root for checking what a build left behind.
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
        String[] key = ROOT_KEYS.get(account);
        return CloudFormationClient.builder().endpointOverride(URI.create("http://localhost:" + port))
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

    /** The stack called {@code stackName} in the account, or null when there is none (deleted stacks count as none). */
    public static Stack stack(Object port, String account, String stackName) {
        try (CloudFormationClient cfn = cloudFormation(port, account)) {
            return cfn.describeStacks(b -> b.stackName(stackName)).stacks().get(0);
        } catch (CloudFormationException e) {
            if (e.getMessage().contains("does not exist")) return null;
            throw e;
        }
    }

    /** The stack's status, or null when there is no such stack. */
    public static String stackStatus(Object port, String account, String stackName) {
        Stack stack = stack(port, account, stackName);
        return stack == null ? null : stack.stackStatusAsString();
    }

    /** The names of the account's stacks that are not deleted. */
    public static List<String> stackNames(Object port, String account) {
        try (CloudFormationClient cfn = cloudFormation(port, account)) {
            return cfn.listStacksPaginator(b -> {}).stackSummaries().stream()
                    .filter(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE)
                    .map(StackSummary::stackName).toList();
        }
    }

    /** The stack's parameter values by key (NoEcho ones as CloudFormation masks them). */
    public static Map<String, String> stackParameters(Object port, String account, String stackName) {
        Stack stack = stack(port, account, stackName);
        if (stack == null) throw new AssertionError("No stack " + stackName + " in account " + account);
        return stack.parameters().stream().collect(Collectors.toMap(Parameter::parameterKey, Parameter::parameterValue,
                (a, b) -> b, LinkedHashMap::new));
    }

    /** The stack's resources: logical id to physical id, in CloudFormation's order. */
    public static Map<String, String> stackResources(Object port, String account, String stackName) {
        try (CloudFormationClient cfn = cloudFormation(port, account)) {
            return cfn.describeStackResources(b -> b.stackName(stackName)).stackResources().stream()
                    .collect(Collectors.toMap(r -> r.logicalResourceId(), r -> r.physicalResourceId(),
                            (a, b) -> b, LinkedHashMap::new));
        }
    }

    /** The statuses the stack itself went through, oldest first (CREATE_IN_PROGRESS, CREATE_COMPLETE, ...). */
    public static List<String> stackStatusHistory(Object port, String account, String stackName) {
        try (CloudFormationClient cfn = cloudFormation(port, account)) {
            List<String> newestFirst = cfn.describeStackEventsPaginator(b -> b.stackName(stackName)).stackEvents().stream()
                    .filter(e -> "AWS::CloudFormation::Stack".equals(e.resourceType()))
                    .map(e -> e.resourceStatusAsString()).toList();
            List<String> history = new java.util.ArrayList<>(newestFirst);
            java.util.Collections.reverse(history);
            return history;
        }
    }

    /**
     * The execution statuses of the stack's change sets. CloudFormation keeps the last executed
     * one (EXECUTE_COMPLETE) and deletes the others when it executes; anything else here is a
     * change set a deployment left behind.
     */
    public static List<String> changeSetStatuses(Object port, String account, String stackName) {
        try (CloudFormationClient cfn = cloudFormation(port, account)) {
            return cfn.listChangeSets(b -> b.stackName(stackName)).summaries().stream()
                    .map(s -> s.executionStatusAsString()).toList();
        }
    }

    /** The account's artifact bucket, as the bootstrap stack (and cloud.yaml) names it. */
    public static String artifactBucket(String account) {
        return "crossdeploy-artifacts-" + accountId(account) + "-us-east-1";
    }

    public static String accountId(String account) {
        String id = ACCOUNT_IDS.get(account);
        if (id == null) throw new IllegalArgumentException("Unknown account " + account + "; known: " + ACCOUNT_IDS.keySet());
        return id;
    }

    /** Every key in the account's artifact bucket. */
    public static List<String> artifactKeys(Object port, String account) {
        try (S3Client s3 = s3(port, account)) {
            return s3.listObjectsV2Paginator(b -> b.bucket(artifactBucket(account))).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    /** The object's bytes' SHA-256 in lower-case hex, as the artifact keys name them. */
    public static String artifactSha256(Object port, String account, String key) throws IOException {
        try (S3Client s3 = s3(port, account);
             InputStream in = s3.getObject(b -> b.bucket(artifactBucket(account)).key(key))) {
            return sha256(in.readAllBytes());
        }
    }

    /**
     * Asserts that no deployment account (staging, qa, prod, sandbox) has a stack or an
     * artifact: what a build refused before its first write leaves behind.
     */
    public static void assertNothingWritten(Object port) {
        List<String> found = new java.util.ArrayList<>();
        for (String account : List.of("staging", "qa", "prod", "sandbox")) {
            stackNames(port, account).forEach(s -> found.add("stack " + s + " in " + account));
            artifactKeys(port, account).forEach(k -> found.add("object " + k + " in " + artifactBucket(account)));
        }
        if (!found.isEmpty()) throw new AssertionError("Expected nothing written, found: " + found);
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(File file) throws IOException {
        return sha256(Files.readAllBytes(file.toPath()));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
