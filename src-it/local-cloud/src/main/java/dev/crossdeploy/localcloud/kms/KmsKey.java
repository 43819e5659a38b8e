package dev.crossdeploy.localcloud.kms;

/**
 * A customer managed KMS key as a record (no key material): where it lives, its id and state
 * ({@code Enabled}, {@code Disabled}, {@code PendingDeletion}).
 */
public record KmsKey(String accountId, String region, String keyId, String description, String keyUsage,
                     String keySpec, String state, long createdSeconds) {

    public String arn() { return KmsRefs.keyArn(region, accountId, keyId); }

    public boolean enabled() { return "Enabled".equals(state); }

    KmsKey withState(String newState) {
        return new KmsKey(accountId, region, keyId, description, keyUsage, keySpec, newState, createdSeconds);
    }
}
