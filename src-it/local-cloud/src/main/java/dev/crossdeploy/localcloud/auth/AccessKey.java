package dev.crossdeploy.localcloud.auth;

import java.time.Instant;

/**
 * An access key the cloud knows: a root key (long-term, no token) or temporary credentials
 * issued by AssumeRole (with a session token and an expiry).
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String sessionToken,
                        Instant expiration, Principal principal) {

    public boolean temporary() { return sessionToken != null; }
}
