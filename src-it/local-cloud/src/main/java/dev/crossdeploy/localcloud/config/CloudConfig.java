package dev.crossdeploy.localcloud.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the local cloud starts with: its accounts and their root keys, roles and buckets that
 * exist before any test runs, and a few knobs. The default is {@code default-cloud.yaml} on the
 * classpath; a YAML file of the same shape replaces it ({@code --config}).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CloudConfig(
        @JsonProperty("region") String region,
        @JsonProperty("resourceDelayMillis") long resourceDelayMillis,
        @JsonProperty("secureTransport") boolean secureTransport,
        @JsonProperty("accounts") List<Account> accounts,
        @JsonProperty("roles") List<Role> roles,
        @JsonProperty("buckets") List<Bucket> buckets,
        @JsonProperty("maxFunctionWorkers") Integer maxFunctionWorkers) {

    /** Lambda workers (JVMs) that may run at once when the configuration does not say. */
    public static final int DEFAULT_MAX_FUNCTION_WORKERS = 8;

    public CloudConfig {
        maxFunctionWorkers = maxFunctionWorkers == null ? DEFAULT_MAX_FUNCTION_WORKERS : maxFunctionWorkers;
        if (maxFunctionWorkers < 1) throw new IllegalArgumentException("maxFunctionWorkers must be at least 1");
        region = region == null ? "us-east-1" : region;
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        roles = roles == null ? List.of() : List.copyOf(roles);
        buckets = buckets == null ? List.of() : List.copyOf(buckets);
    }

    public CloudConfig(String region, long resourceDelayMillis, boolean secureTransport, List<Account> accounts,
                       List<Role> roles, List<Bucket> buckets) {
        this(region, resourceDelayMillis, secureTransport, accounts, roles, buckets, null);
    }

    /** An account with its root user's long-term access key. */
    public record Account(@JsonProperty("name") String name,
                          @JsonProperty("id") String id,
                          @JsonProperty("accessKeyId") String accessKeyId,
                          @JsonProperty("secretAccessKey") String secretAccessKey) {}

    /**
     * A role that exists from the start. {@code trustPolicy} and the values of {@code policies}
     * are IAM policy documents written as YAML/JSON objects.
     */
    public record Role(@JsonProperty("account") String account,
                       @JsonProperty("name") String name,
                       @JsonProperty("path") String path,
                       @JsonProperty("trustPolicy") JsonNode trustPolicy,
                       @JsonProperty("policies") Map<String, JsonNode> policies,
                       @JsonProperty("maxSessionDuration") Integer maxSessionDuration) {}

    /** A bucket that exists from the start, owned by {@code account} (an account name or id). */
    public record Bucket(@JsonProperty("account") String account,
                         @JsonProperty("name") String name,
                         @JsonProperty("region") String region,
                         @JsonProperty("policy") JsonNode policy) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static CloudConfig defaults() {
        try (InputStream in = CloudConfig.class.getResourceAsStream("/default-cloud.yaml")) {
            return YAML.readValue(in, CloudConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CloudConfig load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readValue(in, CloudConfig.class);
        }
    }

    /** The account id for a name ("staging") or an id. */
    public String accountId(String nameOrId) {
        return accounts.stream()
                .filter(a -> a.name().equals(nameOrId) || a.id().equals(nameOrId))
                .map(Account::id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown account in config: " + nameOrId));
    }

    public Account account(String nameOrId) {
        String id = accountId(nameOrId);
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    public CloudConfig withResourceDelayMillis(long millis) {
        return new CloudConfig(region, millis, secureTransport, accounts, roles, buckets, maxFunctionWorkers);
    }

    /** At most this many function workers (JVMs) run at once; more invocations wait for one. */
    public CloudConfig withMaxFunctionWorkers(int workers) {
        return new CloudConfig(region, resourceDelayMillis, secureTransport, accounts, roles, buckets, workers);
    }
}
