package dev.crossdeploy.localcloud.iam;

import java.util.List;
import java.util.Map;

/**
 * IAM condition operators over string-valued context keys: the String*, Arn*, Bool, Null and
 * Numeric* families, with the IfExists suffix. Keys are matched case-insensitively, as IAM does.
 */
final class Conditions {
    private Conditions() {}

    static boolean hold(Map<String, Map<String, List<String>>> conditions, Map<String, String> ctx) {
        for (Map.Entry<String, Map<String, List<String>>> op : conditions.entrySet()) {
            for (Map.Entry<String, List<String>> key : op.getValue().entrySet()) {
                if (!holds(op.getKey(), lookup(ctx, key.getKey()), key.getValue())) return false;
            }
        }
        return true;
    }

    private static String lookup(Map<String, String> ctx, String key) {
        for (Map.Entry<String, String> e : ctx.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) return e.getValue();
        }
        return null;
    }

    private static boolean holds(String operator, String actual, List<String> expected) {
        String op = operator;
        if (op.startsWith("ForAnyValue:") || op.startsWith("ForAllValues:")) op = op.substring(op.indexOf(':') + 1);
        boolean ifExists = op.endsWith("IfExists");
        if (ifExists) op = op.substring(0, op.length() - "IfExists".length());
        if (op.equals("Null")) {
            boolean wantNull = Boolean.parseBoolean(expected.get(0));
            return wantNull == (actual == null);
        }
        boolean negated = op.contains("Not");
        if (actual == null) return ifExists || negated;
        boolean any = switch (op) {
            case "StringEquals", "StringNotEquals", "ArnEquals", "ArnNotEquals" -> expected.contains(actual);
            case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" ->
                    expected.stream().anyMatch(actual::equalsIgnoreCase);
            case "StringLike", "StringNotLike", "ArnLike", "ArnNotLike" ->
                    expected.stream().anyMatch(p -> Wildcards.match(p, actual));
            case "Bool" -> expected.stream().anyMatch(actual::equalsIgnoreCase);
            case "NumericEquals", "NumericNotEquals" -> expected.stream().anyMatch(e -> num(e) == num(actual));
            case "NumericLessThan" -> expected.stream().anyMatch(e -> num(actual) < num(e));
            case "NumericLessThanEquals" -> expected.stream().anyMatch(e -> num(actual) <= num(e));
            case "NumericGreaterThan" -> expected.stream().anyMatch(e -> num(actual) > num(e));
            case "NumericGreaterThanEquals" -> expected.stream().anyMatch(e -> num(actual) >= num(e));
            default -> false; // an operator we do not know never grants
        };
        return negated != any;
    }

    private static double num(String s) {
        try { return Double.parseDouble(s); } catch (NumberFormatException e) { return Double.NaN; }
    }
}
