package dev.crossdeploy.account;

import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Everything that decides which credentials and clients a session holds: the stage's account,
 * role, external id, region and session name, the endpoint, S3 addressing, the call timeout and the base
 * credentials that assume the role (as a digest, so no secret is kept in a key). Two goals share
 * a session only when all of these are equal, so a session can never serve another account.
 */
record SessionKey(String accountId, String roleArn, String externalId, String region, String sessionName,
                  URI endpoint, boolean pathStyle, Duration callAttemptTimeout, String baseCredentialsDigest) {

    static SessionKey of(Stage stage, AwsSettings settings, String sessionName, AwsCredentials base) {
        return new SessionKey(stage.accountId(), stage.deployRoleArn(), stage.externalId(), stage.region(), sessionName,
                settings.endpointOverride(), settings.pathStyleAccess(), settings.callAttemptTimeout(), digest(base));
    }

    private static String digest(AwsCredentials base) {
        String token = base instanceof AwsSessionCredentials s ? s.sessionToken() : "";
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{base.accessKeyId(), base.secretAccessKey(), token}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
