package dev.crossdeploy.localcloud.cloudformation.resources.support;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Physical names CloudFormation generates for resources whose template gives no name:
 * {@code <stackName>-<logicalId>-<13 random characters>}, the first two parts shortened so the
 * whole fits the resource type's length limit.
 */
public final class Names {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER_HEX = "0123456789abcdef";
    private static final int SUFFIX = 13;

    private Names() {}

    public static String generate(ResourceContext ctx, int maxLength) {
        return generate(ctx.stackName(), ctx.logicalId(), maxLength);
    }

    public static String generate(String stackName, String logicalId, int maxLength) {
        String suffix = random(UPPER, SUFFIX);
        int budget = maxLength - SUFFIX - 2;
        String stack = stackName;
        String logical = logicalId;
        if (stack.length() + logical.length() > budget) {
            // CloudFormation shortens both parts rather than dropping the logical id entirely.
            int stackBudget = Math.max(budget - logical.length(), budget / 2);
            stack = stack.substring(0, Math.min(stack.length(), stackBudget));
            logical = logical.substring(0, Math.min(logical.length(), Math.max(0, budget - stack.length())));
        }
        return stack + "-" + logical + "-" + suffix;
    }

    /** The lower-case form S3 bucket names require. */
    public static String generateLowerCase(ResourceContext ctx, int maxLength) {
        return generate(ctx, maxLength).toLowerCase(Locale.ROOT);
    }

    public static String random(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        return b.toString();
    }

    /** Random upper-case letters and digits. */
    public static String randomUpper(int length) { return random(UPPER, length); }

    /** Ids in API Gateway's style: 10 lower-case letters and digits. */
    public static String randomLowerAlnum(int length) { return random("abcdefghijklmnopqrstuvwxyz0123456789", length); }

    /** A random UUID-shaped id (KMS key ids, CodeCommit repository ids, request ids). */
    public static String uuid() { return java.util.UUID.randomUUID().toString(); }

    public static String hex(int length) { return random(LOWER_HEX, length); }
}
