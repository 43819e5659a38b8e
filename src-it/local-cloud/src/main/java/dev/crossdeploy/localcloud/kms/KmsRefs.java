package dev.crossdeploy.localcloud.kms;

import java.util.regex.Pattern;

/** The four ways a caller names a key (key id, key ARN, alias name, alias ARN), and KMS's ARNs. */
final class KmsRefs {
    private static final Pattern KEY_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}");
    private static final Pattern ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):((?:key|alias)/.+)");

    private KmsRefs() {}

    static String keyArn(String region, String account, String keyId) {
        return "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
    }

    static String aliasArn(String region, String account, String aliasName) {
        return "arn:aws:kms:" + region + ":" + account + ":" + aliasName;
    }

    static boolean validKeyId(String id) { return KEY_ID.matcher(id).matches(); }

    /**
     * A reference resolved to where it points: {@code alias} true when it names an alias
     * ({@code name} is then "alias/x"), else {@code name} is the key id.
     */
    record Ref(String accountId, String region, boolean alias, String name) {}

    /** Null when {@code ref} is none of the four forms. */
    static Ref parse(String account, String region, String ref) {
        var arn = ARN.matcher(ref);
        if (arn.matches()) {
            String resource = arn.group(3);
            boolean alias = resource.startsWith("alias/");
            return new Ref(arn.group(2), arn.group(1), alias, alias ? resource : resource.substring("key/".length()));
        }
        if (ref.startsWith("alias/")) return new Ref(account, region, true, ref);
        if (ref.startsWith("arn:")) return null;
        return new Ref(account, region, false, ref);
    }
}
