package dev.crossdeploy.stackset;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.localcloud.LocalCloud;
import dev.crossdeploy.localcloud.config.CloudConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local cloud of a pipeline account ({@value #PIPELINE}, with the stack set administration
 * role) and {@code teams} deployment accounts {@code team-01...}, each bootstrapped as the
 * bootstrap stack with {@code crossdeploy.stackSetAdministrator} would: deploy role, execution
 * role, artifact bucket, and the stack set execution role. Reset before each test.
 */
final class StackSetAccounts implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    static final String PIPELINE = "111111111111";
    static final String REGION = "us-east-1";

    private final int teams;
    private LocalCloud cloud;
    private Path dir;

    StackSetAccounts(int teams) {
        this.teams = teams;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("stackset-cloud");
        Path config = dir.resolve("cloud.yaml");
        Files.writeString(config, yaml());
        cloud = LocalCloud.builder().port(0).config(CloudConfig.load(config)).resourceDelayMillis(2).start();
    }

    @Override
    public void beforeEach(ExtensionContext context) { cloud.reset(); }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        cloud.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    LocalCloud cloud() { return cloud; }

    static String name(int team) { return String.format("team-%02d", team); }

    static String accountId(int team) { return String.format("9000000000%02d", team); }

    static String bucket(int team) { return "crossdeploy-artifacts-" + accountId(team) + "-" + REGION; }

    /** The pipeline's settings: its own key, this endpoint, path-style S3. */
    AwsSettings pipelineSettings() {
        var a = cloud.account("pipeline");
        return new AwsSettings(StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())),
                cloud.endpoint(), true);
    }

    CloudFormationClient cloudFormation(String account) {
        var a = cloud.account(account);
        return CloudFormationClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())))
                .build();
    }

    S3Client s3(String account) {
        var a = cloud.account(account);
        return S3Client.builder().endpointOverride(cloud.endpoint()).region(Region.of(REGION)).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey())))
                .build();
    }

    /** Removes an account's stack set execution role, as if it had never been bootstrapped for stack sets. */
    void removeStackSetRole(int team) {
        var iam = cloud.state().iam();
        iam.deleteRolePolicy(accountId(team), "AWSCloudFormationStackSetExecutionRole", "all");
        iam.deleteRole(accountId(team), "AWSCloudFormationStackSetExecutionRole");
    }

    /** Gives an account its stack set execution role (back), as bootstrapping it with the option does. */
    void addStackSetRole(int team) {
        var iam = cloud.state().iam();
        iam.createRole(accountId(team), "AWSCloudFormationStackSetExecutionRole", "/", "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + PIPELINE + ":root\"},\"Action\":\"sts:AssumeRole\"}]}",
                null, null);
        iam.putRolePolicy(accountId(team), "AWSCloudFormationStackSetExecutionRole", "all",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
    }

    private String yaml() {
        StringBuilder y = new StringBuilder("region: " + REGION + "\nresourceDelayMillis: 2\naccounts:\n"
                + "  - {name: pipeline, id: \"" + PIPELINE + "\", accessKeyId: AKIAPIPELINE11111111, secretAccessKey: pipeline/secret/key}\n");
        for (int i = 1; i <= teams; i++) {
            y.append(String.format("  - {name: %s, id: \"%s\", accessKeyId: AKIATEAM%012d, secretAccessKey: team/secret/key/%d}%n",
                    name(i), accountId(i), i, i));
        }
        y.append("""
                roles:
                  - account: pipeline
                    name: AWSCloudFormationStackSetAdministrationRole
                    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: cloudformation.amazonaws.com}, Action: "sts:AssumeRole"}]}
                    policies: {assume: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole"}]}}
                """);
        for (int i = 1; i <= teams; i++) {
            y.append(String.format("""
                      - account: %1$s
                        name: crossdeploy-deploy
                        trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::%2$s:root"}, Action: "sts:AssumeRole"}]}
                        policies: {all: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}}
                      - account: %1$s
                        name: crossdeploy-cfn-exec
                        trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: cloudformation.amazonaws.com}, Action: "sts:AssumeRole"}]}
                        policies: {all: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}}
                    """, name(i), PIPELINE));
            y.append(String.format("""
                      - account: %1$s
                        name: AWSCloudFormationStackSetExecutionRole
                        trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::%2$s:root"}, Action: "sts:AssumeRole"}]}
                        policies: {all: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}}
                    """, name(i), PIPELINE));
        }
        y.append("buckets:\n");
        for (int i = 1; i <= teams; i++) y.append("  - {account: ").append(name(i)).append(", name: ").append(bucket(i)).append("}\n");
        return y.toString();
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
