package dev.crossdeploy.localcloud.codebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.AccessKey;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.iam.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container-credentials endpoint each build reads its service role's credentials from, as
 * the AWS SDKs and CLI do in CodeBuild ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}). Credentials come from assuming the project's role
 * as codebuild.amazonaws.com through the cloud's STS machinery, and are renewed well before they
 * expire. A build's endpoint answers only while the build runs and only with its own secret token.
 */
final class ContainerCredentials {
    static final String PREFIX = "/_codebuild/credentials/";
    private static final Duration SESSION = Duration.ofHours(1);
    /** The SDKs refresh from 5 (Java) to 15 minutes before expiry; renew before either asks. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(20);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudState state;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** One build's access: its secret token and the role session it hands out. */
    private final class Session {
        final String token;
        final Role role;
        final String sessionName;
        /** Every secret handed out so far: a renewed session's old secrets must stay out of the log too. */
        final List<String> secrets = new ArrayList<>();
        AccessKey current;

        Session(String token, Role role, String sessionName) {
            this.token = token;
            this.role = role;
            this.sessionName = sessionName;
            secrets.add(token);
        }

        synchronized AccessKey credentials() {
            Instant now = state.clock().instant();
            if (current == null || current.expiration().minus(RENEW_BEFORE).isBefore(now)) {
                current = state.credentials().issueTemporary(role.arn(), role.roleId(), sessionName,
                        now.plus(SESSION).truncatedTo(ChronoUnit.SECONDS));
                secrets.add(current.secretAccessKey());
                secrets.add(current.sessionToken());
            }
            return current;
        }
    }

    ContainerCredentials(CloudState state) { this.state = state; }

    /**
     * Opens the endpoint for a build whose role CodeBuild may assume; returns its secret token.
     *
     * @throws IllegalArgumentException with CodeBuild's message when the role is missing or does not trust CodeBuild
     */
    String open(String buildUuid, String roleArn) {
        Optional<Role> role = roleArn == null ? Optional.empty() : state.iam().role(roleArn);
        if (role.isEmpty() || !state.iam().trustsService(roleArn, "codebuild.amazonaws.com")) {
            throw new IllegalArgumentException("CodeBuild is not authorized to perform: sts:AssumeRole on " + roleArn);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        Session session = new Session(token, role.get(), "AWSCodeBuild-" + buildUuid);
        session.credentials();
        sessions.put(buildUuid, session);
        return token;
    }

    /** The URI a build is given as AWS_CONTAINER_CREDENTIALS_FULL_URI. */
    String uri(String buildUuid) {
        // Loopback by name: both the SDKs and botocore accept "localhost" for container credentials.
        return "http://localhost:" + state.endpoint().getPort() + PREFIX + buildUuid;
    }

    /** The secrets handed out for a build so far, for keeping them out of its log. */
    List<String> secretsOf(String buildUuid) {
        Session s = sessions.get(buildUuid);
        if (s == null) return List.of();
        synchronized (s) {
            return List.copyOf(s.secrets);
        }
    }

    void close(String buildUuid) { sessions.remove(buildUuid); }

    void clear() { sessions.clear(); }

    Optional<CloudResponse> serve(CloudRequest request) {
        if (!request.rawPath().startsWith(PREFIX)) return Optional.empty();
        Session session = sessions.get(request.rawPath().substring(PREFIX.length()));
        String presented = request.header("Authorization");
        if (session == null || presented == null || !MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), session.token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(json(403, Map.of("code", "AccessDenied",
                    "message", "No credentials for this request: the build is over or the authorization token is wrong")));
        }
        if (!"GET".equals(request.method())) {
            return Optional.of(json(405, Map.of("code", "MethodNotAllowed", "message", "Use GET")));
        }
        AccessKey key = session.credentials();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AccessKeyId", key.accessKeyId());
        body.put("SecretAccessKey", key.secretAccessKey());
        body.put("Token", key.sessionToken());
        body.put("Expiration", key.expiration().toString());
        body.put("RoleArn", session.role.arn());
        return Optional.of(json(200, body));
    }

    private static CloudResponse json(int status, Map<String, Object> body) {
        try {
            return CloudResponse.status(status).header("Content-Type", "application/json").body(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
