package dev.crossdeploy.localcloud.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every access key the cloud accepts, by access key id. */
public final class CredentialStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, AccessKey> keys = new ConcurrentHashMap<>();

    public void reset() { keys.clear(); }

    public void addRootKey(String accountId, String accessKeyId, String secret) {
        keys.put(accessKeyId, new AccessKey(accessKeyId, secret, null, null, Principal.root(accountId, accessKeyId)));
    }

    public Optional<AccessKey> find(String accessKeyId) { return Optional.ofNullable(keys.get(accessKeyId)); }

    /** Issues temporary credentials (ASIA... key, secret, session token) for an assumed-role session. */
    public AccessKey issueTemporary(String roleArn, String roleId, String sessionName, Instant expiration) {
        String id = "ASIA" + randomUpper(16);
        String secret = randomBase64(30);
        String token = "LCST" + randomBase64(96);
        AccessKey key = new AccessKey(id, secret, token, expiration,
                Principal.assumedRole(roleArn, roleId, sessionName, id));
        keys.put(id, key);
        SecretLedger.record(List.of(secret, token));
        return key;
    }

    private static String randomUpper(int n) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(chars.charAt(RANDOM.nextInt(chars.length())));
        return b.toString();
    }

    private static String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b).replace('+', 'A').replace('/', 'B');
    }
}
