package dev.crossdeploy.localcloud.cloudformation.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Evaluates intrinsic functions in template values against a {@link Resolver}. */
public final class Intrinsics {
    /** What {@code Ref AWS::NoValue} yields: the enclosing property or list element disappears. */
    public static final Object NO_VALUE = new Object() {
        @Override public String toString() { return "AWS::NoValue"; }
    };
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]*)}");

    private final Resolver resolver;
    private final Map<String, Object> mappings;

    public Intrinsics(Resolver resolver, Map<String, Object> mappings) {
        this.resolver = resolver;
        this.mappings = mappings;
    }

    /** The value with every function evaluated; NO_VALUE members removed. */
    public Object eval(Object node) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                String key = String.valueOf(m.keySet().iterator().next());
                Object arg = m.values().iterator().next();
                // {"Condition": "Name"} is a function only with a string; IAM statements use a Condition map.
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition") && arg instanceof String) {
                    return function(key, arg);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object e = eval(v);
                if (e != NO_VALUE) out.put(String.valueOf(k), e);
            });
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                Object e = eval(o);
                if (e != NO_VALUE) out.add(e);
            }
            return out;
        }
        return node;
    }

    public boolean evalCondition(Object node) {
        Object v = eval(node);
        if (v instanceof Boolean b) return b;
        return "true".equalsIgnoreCase(String.valueOf(v));
    }

    private Object function(String name, Object arg) {
        switch (name) {
            case "Ref": return resolver.ref(string(arg, name));
            case "Condition": return resolver.condition(string(arg, name));
            case "Fn::GetAtt": {
                List<?> a = getAttArgs(arg);
                return resolver.getAtt(String.valueOf(a.get(0)), String.valueOf(eval(a.get(1))));
            }
            case "Fn::Sub": return sub(arg);
            case "Fn::Join": {
                List<?> a = args(arg, name, 2);
                Object items = eval(a.get(1));
                if (!(items instanceof List<?> l)) throw new TemplateException("Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.");
                List<String> parts = new ArrayList<>();
                for (Object o : l) parts.add(text(o));
                return String.join(text(eval(a.get(0))), parts);
            }
            case "Fn::Select": {
                List<?> a = args(arg, name, 2);
                Object list = eval(a.get(1));
                int i;
                try {
                    i = Integer.parseInt(text(eval(a.get(0))).trim());
                } catch (NumberFormatException e) {
                    throw new TemplateException("Template error: Fn::Select requires an index that is a number");
                }
                if (!(list instanceof List<?> l) || i < 0 || i >= l.size()) {
                    throw new TemplateException("Template error: Fn::Select cannot select nonexistent value at index " + i);
                }
                return l.get(i);
            }
            case "Fn::Split": {
                List<?> a = args(arg, name, 2);
                String delim = text(eval(a.get(0)));
                String s = text(eval(a.get(1)));
                return new ArrayList<Object>(List.of(s.split(Pattern.quote(delim), -1)));
            }
            case "Fn::If": {
                List<?> a = args(arg, name, 3);
                return resolver.condition(String.valueOf(a.get(0))) ? eval(a.get(1)) : eval(a.get(2));
            }
            case "Fn::Equals": {
                List<?> a = args(arg, name, 2);
                return text(eval(a.get(0))).equals(text(eval(a.get(1))));
            }
            case "Fn::And": {
                for (Object o : list(arg, name)) if (!evalCondition(o)) return false;
                return true;
            }
            case "Fn::Or": {
                for (Object o : list(arg, name)) if (evalCondition(o)) return true;
                return false;
            }
            case "Fn::Not": return !evalCondition(args(arg, name, 1).get(0));
            case "Fn::FindInMap": return findInMap(args(arg, name, 3));
            case "Fn::GetAZs": return new ArrayList<Object>(resolver.azs(text(eval(arg))));
            case "Fn::ImportValue": return resolver.importValue(text(eval(arg)));
            case "Fn::Base64": return Base64.getEncoder().encodeToString(text(eval(arg)).getBytes(StandardCharsets.UTF_8));
            default:
                throw new TemplateException("Template format error: Unrecognized intrinsic function: " + name);
        }
    }

    private Object findInMap(List<?> a) {
        String map = text(eval(a.get(0)));
        String k1 = text(eval(a.get(1)));
        String k2 = text(eval(a.get(2)));
        Object top = mappings.get(map);
        Object second = top instanceof Map<?, ?> m1 ? m1.get(k1) : null;
        Object value = second instanceof Map<?, ?> m2 ? m2.get(k2) : null;
        if (value == null) {
            throw new TemplateException("Template error: Unable to get mapping for " + map + "::" + k1 + "::" + k2);
        }
        return value;
    }

    private Object sub(Object arg) {
        String text;
        Map<?, ?> vars = Map.of();
        if (arg instanceof List<?> l) {
            if (l.size() != 2 || !(l.get(1) instanceof Map<?, ?> m)) {
                throw new TemplateException("Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string");
            }
            text = text(eval(l.get(0)));
            vars = m;
        } else {
            text = text(eval(arg));
        }
        Matcher matcher = SUB_VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String var = matcher.group(1);
            String replacement;
            if (var.startsWith("!")) {
                replacement = "${" + var.substring(1) + "}";
            } else if (vars.containsKey(var)) {
                replacement = text(eval(vars.get(var)));
            } else if (var.contains(".") && !var.startsWith("AWS::")) {
                int dot = var.indexOf('.');
                replacement = text(resolver.getAtt(var.substring(0, dot), var.substring(dot + 1)));
            } else {
                replacement = text(resolver.ref(var.trim()));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static List<?> getAttArgs(Object arg) {
        if (arg instanceof String s && s.contains(".")) {
            int dot = s.indexOf('.');
            return List.of(s.substring(0, dot), s.substring(dot + 1));
        }
        if (!(arg instanceof List<?> l) || l.size() != 2) {
            throw new TemplateException("Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the resource attribute");
        }
        return l;
    }

    private List<?> args(Object arg, String fn, int n) {
        if (!(arg instanceof List<?> l) || l.size() != n) {
            throw new TemplateException("Template error: every " + fn + " object requires " + n + " parameters");
        }
        return l;
    }

    private List<?> list(Object arg, String fn) {
        if (!(arg instanceof List<?> l)) throw new TemplateException("Template error: every " + fn + " object requires a list of conditions");
        return l;
    }

    private String string(Object arg, String fn) {
        if (!(arg instanceof String s)) throw new TemplateException("Template format error: Every " + fn + " object must have a single String value.");
        return s;
    }

    /** A scalar's text as CloudFormation renders it into strings. */
    public static String text(Object o) {
        if (o == null) return "";
        if (o instanceof List<?> l) return String.join(",", l.stream().map(Intrinsics::text).toList());
        if (o instanceof Double d && d == Math.rint(d) && !d.isInfinite()) return String.valueOf(d.longValue());
        return String.valueOf(o);
    }
}
