package dev.crossdeploy.localcloud.codebuild;

import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A build runs as its project's service role through container credentials, as in CodeBuild:
 * the Debian CLI inside the build and the SDK v2's own provider outside both get the role's
 * session from the build's endpoint, no access key is in the build's environment, the endpoint
 * refuses a wrong token and a finished build, and no secret reaches the log.
 */
class ContainerCredentialsTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    @TempDir
    Path source;

    @TempDir
    Path handoff;

    @BeforeEach
    void deployProjects() { BuildProjects.deploy(cloud); }

    @Test
    void theBuildSeesItsRolesIdentityThroughContainerCredentialsAndNoKeysInItsEnvironment() throws Exception {
        Files.writeString(source.resolve("buildspec.yml"), """
                version: 0.2
                phases:
                  build:
                    commands:
                      - /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" sts get-caller-identity --query Arn --output text
                      - echo "keys in env $(env | grep -cE '^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)=')"
                      - echo "token=$AWS_CONTAINER_AUTHORIZATION_TOKEN"
                      - |
                        python3 -c "import os,urllib.request as u; print(u.urlopen(u.Request(os.environ['AWS_CONTAINER_CREDENTIALS_FULL_URI'], headers={'Authorization': os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN']})).read().decode())"
                      - printf '%s\\n%s\\n' "$AWS_CONTAINER_CREDENTIALS_FULL_URI" "$AWS_CONTAINER_AUTHORIZATION_TOKEN" > "$HANDOFF/endpoint.tmp" && mv "$HANDOFF/endpoint.tmp" "$HANDOFF/endpoint"
                      - for i in $(seq 1 600); do [ -f "$HANDOFF/go" ] && break; sleep 0.05; done
                """);
        CodeBuildModule codeBuild = BuildProjects.codeBuild(cloud);
        String account = BuildProjects.account(cloud);
        Build build = codeBuild.start(account, "us-east-1", "app-build", source, Map.of("HANDOFF", handoff.toString()));

        Path endpointFile = handoff.resolve("endpoint");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Files.exists(endpointFile) && Instant.now().isBefore(deadline) && !build.isComplete()) BuildProjects.pause();
        List<String> endpoint = Files.readAllLines(endpointFile);
        String uri = endpoint.get(0);
        String token = endpoint.get(1);
        assertThat(URI.create(uri).getHost()).isEqualTo("localhost");

        AwsCredentials credentials;
        System.setProperty("aws.containerCredentialsFullUri", uri);
        System.setProperty("aws.containerAuthorizationToken", token);
        try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
            credentials = provider.resolveCredentials();
        } finally {
            System.clearProperty("aws.containerCredentialsFullUri");
            System.clearProperty("aws.containerAuthorizationToken");
        }
        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        String roleSession = "arn:aws:sts::" + account + ":assumed-role/app-codebuild/AWSCodeBuild-" + build.uuid();
        try (StsClient sts = StsClient.builder().endpointOverride(cloud.cloud().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build()) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(roleSession);
        }
        assertThat(get(uri, "not-the-token").statusCode()).isEqualTo(403);

        // 45 minutes on, a fresh session is handed out before the SDKs would ask (5 to 15 minutes before expiry).
        cloud.cloud().state().clock().advance(Duration.ofMinutes(45));
        HttpResponse<String> renewed = get(uri, token);
        assertThat(renewed.statusCode()).isEqualTo(200);
        var renewedJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(renewed.body());
        assertThat(renewedJson.get("AccessKeyId").asText()).isNotEqualTo(credentials.accessKeyId());
        assertThat(Instant.parse(renewedJson.get("Expiration").asText()))
                .isAfter(cloud.cloud().state().clock().instant().plus(Duration.ofMinutes(59)));

        Files.writeString(handoff.resolve("go"), "");
        build.awaitCompletion(Duration.ofSeconds(30));

        assertThat(build.status()).isEqualTo("SUCCEEDED");
        List<String> output = build.logLines().stream().filter(l -> !l.startsWith("[Container] ")).toList();
        assertThat(output).startsWith(roleSession, "keys in env 0", "token=" + BuildLog.MASK);
        AwsSessionCredentials session = (AwsSessionCredentials) credentials;
        for (String secret : List.of(token, session.secretAccessKey(), session.sessionToken(),
                renewedJson.get("SecretAccessKey").asText(), renewedJson.get("Token").asText())) {
            assertThat(build.logLines()).noneMatch(l -> l.contains(secret));
        }
        assertThat(String.join("\n", build.logLines())).as("the build's log").contains(
                "\"AccessKeyId\":\"" + session.accessKeyId() + "\"",
                "\"SecretAccessKey\":\"" + BuildLog.MASK + "\"", "\"Token\":\"" + BuildLog.MASK + "\"");
        assertThat(get(uri, token).statusCode()).as("a finished build's credentials").isEqualTo(403);
    }

    private static HttpResponse<String> get(String uri, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", token).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
