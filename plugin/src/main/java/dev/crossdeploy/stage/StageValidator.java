package dev.crossdeploy.stage;

import dev.crossdeploy.CrossdeployException;
import software.amazon.awssdk.regions.Region;

import java.util.Collection;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks one resolved stage; each failure is one line saying what is wrong and how to fix it. */
final class StageValidator {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d{1,2}");
    /** The SDK's list of partitions' regions: the pattern alone would accept us-east-99. */
    private static final Set<String> KNOWN_REGIONS = Region.regions().stream().map(Region::id)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}");
    /** KMS's four ways to name a key: key id, key ARN, alias name, alias ARN. */
    private static final Pattern KMS_KEY = Pattern.compile("(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
            + "|mrk-[0-9a-f]{32}|alias/[A-Za-z0-9/_-]{1,250}"
            + "|arn:aws[a-z-]*:kms:([a-z0-9-]+):\\d{12}:(?:key/(?:[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|mrk-[0-9a-f]{32})"
            + "|alias/[A-Za-z0-9/_-]{1,250}))");
    private static final Set<String> CAPABILITIES = Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");

    private StageValidator() {}

    static void validate(Stage s, Collection<String> knownStages) {
        String p = "Stage '" + s.name() + "': ";
        if (!s.name().matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            fail(p + "the name may use only letters, digits, '-', '_' and '.'; rename the stage.");
        }
        if (!ACCOUNT_ID.matcher(s.accountId()).matches()) {
            fail(p + "accountId '" + s.accountId() + "' is not a 12-digit AWS account id;"
                    + " set accountId to the account's 12 digits (quoted in YAML so leading zeros survive).");
        }
        if (!REGION.matcher(s.region()).matches() || !KNOWN_REGIONS.contains(s.region())) {
            fail(p + "region '" + s.region() + "' is not an AWS region;"
                    + " set region to an existing region of the form <area>-<direction>-<number>, like us-east-1 or eu-west-1.");
        }
        checkRole(p, "deployRoleArn", s.deployRoleArn(), s.accountId());
        checkRole(p, "executionRoleArn", s.executionRoleArn(), s.accountId());
        if (!s.artifactBucket().matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            fail(p + "artifactBucket '" + s.artifactBucket() + "' is not a valid S3 bucket name;"
                    + " use 3-63 lowercase letters, digits, '.' and '-'.");
        }
        if (s.kmsKeyId() != null && !s.kmsKeyId().isBlank()) checkKmsKey(p, s);
        for (String c : s.capabilities()) {
            if (!CAPABILITIES.contains(c)) {
                fail(p + "capability '" + c + "' is unknown; use CAPABILITY_IAM, CAPABILITY_NAMED_IAM"
                        + " or CAPABILITY_AUTO_EXPAND.");
            }
        }
        if (s.requireVerifiedIn() != null && !knownStages.contains(s.requireVerifiedIn())) {
            fail(p + "requireVerifiedIn names unknown stage '" + s.requireVerifiedIn()
                    + "'; use one of: " + String.join(", ", knownStages) + ".");
        }
        if (s.requireVerifiedIn() != null && s.requireVerifiedIn().equals(s.name())) {
            fail(p + "requireVerifiedIn names the stage itself; name the stage that must pass first.");
        }
    }

    private static void checkKmsKey(String prefix, Stage s) {
        Matcher m = KMS_KEY.matcher(s.kmsKeyId());
        if (!m.matches()) {
            fail(prefix + "kmsKeyId '" + s.kmsKeyId() + "' is not a KMS key id, key ARN, alias name or alias ARN;"
                    + " use e.g. alias/crossdeploy-artifacts or arn:aws:kms:" + s.region() + ":" + s.accountId()
                    + ":key/<key id>, or leave it out for AES256 encryption.");
        }
        if (m.group(1) != null && !m.group(1).equals(s.region())) {
            // S3 encrypts only with a key of the bucket's own region.
            fail(prefix + "kmsKeyId " + s.kmsKeyId() + " is a key of region " + m.group(1) + ", but the stage's artifact"
                    + " bucket is in " + s.region() + "; use a key or alias of " + s.region() + ".");
        }
    }

    private static void checkRole(String prefix, String field, String arn, String accountId) {
        Matcher m = ROLE_ARN.matcher(arn);
        if (!m.matches()) {
            fail(prefix + field + " '" + arn + "' is not an IAM role ARN;"
                    + " use arn:aws:iam::" + accountId + ":role/<name> or leave it out for the default.");
        }
        if (!m.group(1).equals(accountId)) {
            fail(prefix + field + " " + arn + " is a role of account " + m.group(1) + ", not of the stage's account "
                    + accountId + "; use a role in " + accountId + " or leave " + field + " out for the default.");
        }
    }

    private static void fail(String message) { throw new CrossdeployException(message); }
}
