package dev.crossdeploy.localcloud.kms;

import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.s3.KmsKeyLookup;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KMS's keys and aliases per account and region, whether created through the API or by
 * CloudFormation; also what S3 asks before an SSE-KMS write.
 */
public final class KmsStore implements KmsKeyLookup {
    private final Map<String, KmsKey> keys = new ConcurrentHashMap<>();
    private final Map<String, KmsAlias> aliases = new ConcurrentHashMap<>();

    private static String id(String account, String region, String name) { return account + "|" + region + "|" + name; }

    public void putKey(KmsKey key) { keys.put(id(key.accountId(), key.region(), key.keyId()), key); }

    public Optional<KmsKey> key(String account, String region, String keyId) {
        return Optional.ofNullable(keys.get(id(account, region, keyId)));
    }

    /** Sets a key's state (Enabled, Disabled, PendingDeletion); nothing when the key is unknown. */
    public void state(String account, String region, String keyId, String state) {
        keys.computeIfPresent(id(account, region, keyId), (k, key) -> key.withState(state));
    }

    public void putAlias(KmsAlias alias) { aliases.put(id(alias.accountId(), alias.region(), alias.aliasName()), alias); }

    public void removeAlias(String account, String region, String aliasName) { aliases.remove(id(account, region, aliasName)); }

    public Optional<KmsAlias> alias(String account, String region, String aliasName) {
        return Optional.ofNullable(aliases.get(id(account, region, aliasName)));
    }

    List<KmsAlias> aliases(String account, String region) {
        return aliases.values().stream().filter(a -> a.accountId().equals(account) && a.region().equals(region))
                .sorted(Comparator.comparing(KmsAlias::aliasName)).toList();
    }

    /**
     * The key {@code ref} names as seen from {@code account}/{@code region}, or KMS's
     * NotFoundException with AWS's text.
     */
    public KmsKey resolve(String account, String region, String ref) {
        KmsRefs.Ref r = KmsRefs.parse(account, region, ref);
        if (r == null) throw KmsErrors.notFound("Invalid arn " + ref);
        String keyId = r.name();
        if (r.alias()) {
            keyId = alias(r.accountId(), r.region(), r.name()).map(KmsAlias::targetKeyId).orElseThrow(() ->
                    KmsErrors.notFound("Alias " + KmsRefs.aliasArn(r.region(), r.accountId(), r.name()) + " is not found."));
        } else if (!KmsRefs.validKeyId(keyId)) {
            throw KmsErrors.notFound("Invalid keyId " + keyId);
        }
        String found = keyId;
        return key(r.accountId(), r.region(), keyId).orElseThrow(() ->
                KmsErrors.notFound("Key '" + KmsRefs.keyArn(r.region(), r.accountId(), found) + "' does not exist"));
    }

    @Override
    public String notFound(String accountId, String region, String keyRef) {
        try {
            resolve(accountId, region, keyRef);
            return null;
        } catch (AwsException e) {
            return e.getMessage();
        }
    }

    void clear() {
        keys.clear();
        aliases.clear();
    }
}
