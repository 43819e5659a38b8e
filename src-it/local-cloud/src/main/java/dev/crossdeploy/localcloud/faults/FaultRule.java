package dev.crossdeploy.localcloud.faults;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A fault for requests to {@code service} (signing name: s3, sts, iam, cloudformation) and,
 * when set, one {@code action}; it fires for the next {@code count} matching calls (0: no
 * limit), each with {@code probability} (1.0: always).
 */
public record FaultRule(@JsonProperty("service") String service,
                        @JsonProperty("action") String action,
                        @JsonProperty("kind") FaultKind kind,
                        @JsonProperty("count") int count,
                        @JsonProperty("probability") Double probability,
                        @JsonProperty("delayMillis") long delayMillis) {

    public FaultRule {
        if (service == null || service.isBlank()) throw new IllegalArgumentException("service is required");
        if (kind == null) throw new IllegalArgumentException("kind is required");
        if (count < 0) throw new IllegalArgumentException("count must be 0 (no limit) or more");
        probability = probability == null ? 1.0 : probability;
        if (probability < 0 || probability > 1) throw new IllegalArgumentException("probability must be between 0 and 1");
        if (kind == FaultKind.DELAY && delayMillis <= 0) throw new IllegalArgumentException("delayMillis must be positive for DELAY");
    }

    /** The next {@code count} calls of {@code service}/{@code action} fail with {@code kind}. */
    public static FaultRule next(int count, String service, String action, FaultKind kind) {
        return new FaultRule(service, action, kind, count, 1.0, 0);
    }

    public boolean matches(String svc, String act) {
        return service.equals(svc) && (action == null || action.equals(act));
    }
}
