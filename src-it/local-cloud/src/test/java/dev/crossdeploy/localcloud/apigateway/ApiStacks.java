package dev.crossdeploy.localcloud.apigateway;

import dev.crossdeploy.localcloud.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.crossdeploy.localcloud.support.Stacks.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Test helper: deploys templates into the "staging" account through change sets and calls the APIs they create. */
final class ApiStacks {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final CloudFormationClient cfn;

    ApiStacks(LocalCloud cloud) {
        var account = cloud.account("staging");
        this.cfn = CloudFormationClient.builder().endpointOverride(cloud.endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(account.accessKeyId(), account.secretAccessKey()))).build();
    }

    /** Creates or updates the stack and returns its outputs; fails unless it completes. */
    Map<String, String> deploy(String name, String template, Map<String, String> parameters) {
        boolean exists = cfn.listStacks().stackSummaries().stream()
                .anyMatch(s -> s.stackName().equals(name) && !s.stackStatusAsString().startsWith("DELETE_COMPLETE")
                        && !s.stackStatusAsString().equals("REVIEW_IN_PROGRESS"));
        String changeSet = "cs-" + System.nanoTime();
        cfn.createChangeSet(r -> r.stackName(name).changeSetName(changeSet)
                .changeSetType(exists ? ChangeSetType.UPDATE : ChangeSetType.CREATE).templateBody(template)
                .capabilities(Capability.CAPABILITY_IAM)
                .parameters(parameters.entrySet().stream()
                        .map(e -> Parameter.builder().parameterKey(e.getKey()).parameterValue(e.getValue()).build()).toList()));
        var described = await(() -> cfn.describeChangeSet(r -> r.stackName(name).changeSetName(changeSet)),
                d -> d.status() == ChangeSetStatus.CREATE_COMPLETE || d.status() == ChangeSetStatus.FAILED, "change set " + changeSet);
        assertThat(described.status()).as(described.statusReason()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        cfn.executeChangeSet(r -> r.stackName(name).changeSetName(changeSet));
        Stack stack = await(() -> cfn.describeStacks(r -> r.stackName(name)).stacks().get(0),
                s -> !s.stackStatusAsString().endsWith("_IN_PROGRESS"), "stack " + name + " to settle");
        assertThat(stack.stackStatusAsString()).as(() -> cfn.describeStackEvents(r -> r.stackName(name)).stackEvents().stream()
                        .filter(e -> e.resourceStatusReason() != null)
                        .map(e -> e.logicalResourceId() + ": " + e.resourceStatusReason()).toList().toString())
                .isIn("CREATE_COMPLETE", "UPDATE_COMPLETE");
        return stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static HttpResponse<byte[]> get(URI uri) { return send(HttpRequest.newBuilder(uri)); }

    static String text(HttpResponse<byte[]> response) { return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8); }
}
