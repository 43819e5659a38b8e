package dev.crossdeploy.localcloud.cloudformation.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Resolves the values of a template's parameters from a call's input, defaults and previous values. */
public final class ParameterValues {

    /** One {@code Parameters.member.N}: a value or UsePreviousValue. */
    public record Input(String key, String value, boolean usePrevious) {}

    private ParameterValues() {}

    /**
     * @param previous the stack's current values (for UsePreviousValue), empty for a new stack
     * @return parameter name → value, in template order
     */
    public static Map<String, String> resolve(Template t, List<Input> inputs, Map<String, String> previous) {
        Set<String> unknown = new LinkedHashSet<>();
        Map<String, Input> given = new LinkedHashMap<>();
        for (Input in : inputs) {
            if (!t.parameters().containsKey(in.key())) unknown.add(in.key());
            given.put(in.key(), in);
        }
        if (!unknown.isEmpty()) {
            throw new TemplateException("Parameters: " + TemplateValidator.list(unknown) + " do not exist in the template");
        }
        Map<String, String> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ParameterDecl p : t.parameters().values()) {
            Input in = given.get(p.name());
            String value;
            if (in != null && in.usePrevious()) {
                if (!previous.containsKey(p.name())) {
                    throw new TemplateException("Invalid input for parameter key " + p.name()
                            + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
                }
                value = previous.get(p.name());
            } else if (in != null && in.value() != null) {
                value = in.value();
            } else {
                value = p.defaultValue();
            }
            if (value == null) {
                missing.add(p.name());
                continue;
            }
            check(p, value);
            out.put(p.name(), value);
        }
        if (!missing.isEmpty()) {
            throw new TemplateException("Parameters: " + TemplateValidator.list(missing) + " must have values");
        }
        return out;
    }

    private static void check(ParameterDecl p, String value) {
        String type = p.type();
        String name = p.name();
        if (type.startsWith("AWS::SSM::Parameter")) {
            throw new TemplateException("Parameter '" + name + "' has type " + type
                    + ", which the local cloud does not resolve (no SSM Parameter Store); use a String parameter");
        }
        List<String> items = p.isList() ? List.of(value.split(",", -1)) : List.of(value);
        for (String item : items) {
            String v = p.isList() ? item.trim() : item;
            if (type.equals("Number") || type.equals("List<Number>")) {
                BigDecimal n = number(v);
                if (n == null) throw new TemplateException("Parameter '" + name + "' must be a number.");
                BigDecimal min = number(p.str("MinValue"));
                BigDecimal max = number(p.str("MaxValue"));
                if (min != null && n.compareTo(min) < 0) {
                    fail(p, "Parameter '" + name + "' must be a number not less than " + p.str("MinValue"));
                }
                if (max != null && n.compareTo(max) > 0) {
                    fail(p, "Parameter '" + name + "' must be a number not greater than " + p.str("MaxValue"));
                }
            }
            Object allowed = p.spec().get("AllowedValues");
            if (allowed instanceof List<?> l && l.stream().map(Intrinsics::text).noneMatch(v::equals)) {
                fail(p, "Parameter '" + name + "' must be one of AllowedValues");
            }
        }
        if (type.equals("String")) {
            Integer min = integer(p.str("MinLength"));
            Integer max = integer(p.str("MaxLength"));
            if (min != null && value.length() < min) {
                fail(p, "Parameter '" + name + "' must contain at least " + min + " characters");
            }
            if (max != null && value.length() > max) {
                fail(p, "Parameter '" + name + "' must contain at most " + max + " characters");
            }
            String pattern = p.str("AllowedPattern");
            if (pattern != null) {
                boolean matches;
                try {
                    matches = Pattern.compile(pattern).matcher(value).matches();
                } catch (PatternSyntaxException e) {
                    throw new TemplateException("Template format error: AllowedPattern for parameter " + name + " is not a valid regular expression");
                }
                if (!matches) fail(p, "Parameter '" + name + "' must match pattern " + pattern);
            }
        }
    }

    /** A ConstraintDescription replaces the generic text, as CloudFormation does. */
    private static void fail(ParameterDecl p, String generic) {
        String desc = p.str("ConstraintDescription");
        throw new TemplateException(desc == null ? generic
                : "Parameter " + p.name() + " failed to satisfy constraint: " + desc);
    }

    private static BigDecimal number(String s) {
        if (s == null) return null;
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(String s) {
        BigDecimal n = number(s);
        return n == null ? null : n.intValue();
    }
}
