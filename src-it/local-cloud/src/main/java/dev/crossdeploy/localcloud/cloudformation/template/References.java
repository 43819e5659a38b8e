package dev.crossdeploy.localcloud.cloudformation.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The names a template value refers to through Ref, Fn::GetAtt, Fn::Sub, Fn::If and Condition. */
public final class References {
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^!}][^}]*)}");

    /** Names used by Ref (and by ${Name} in Fn::Sub). */
    public final Set<String> refs = new LinkedHashSet<>();
    /** [resource, attribute] pairs used by Fn::GetAtt (and by ${Res.Attr} in Fn::Sub). */
    public final List<String[]> getAtts = new ArrayList<>();
    /** Condition names used by Fn::If and Condition. */
    public final Set<String> conditions = new LinkedHashSet<>();
    /** Export names used by Fn::ImportValue when they are literal strings. */
    public final Set<String> imports = new LinkedHashSet<>();

    public static References of(Object node) {
        References r = new References();
        r.walk(node);
        return r;
    }

    /** Resource-like names: Ref targets and GetAtt resources. */
    public Set<String> targets() {
        Set<String> out = new LinkedHashSet<>(refs);
        getAtts.forEach(g -> out.add(g[0]));
        return out;
    }

    private void walk(Object node) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                String key = String.valueOf(m.keySet().iterator().next());
                Object arg = m.values().iterator().next();
                switch (key) {
                    case "Ref" -> { refs.add(String.valueOf(arg)); return; }
                    case "Condition" -> { if (arg instanceof String s) { conditions.add(s); return; } }
                    case "Fn::GetAtt" -> {
                        try {
                            List<?> a = Intrinsics.getAttArgs(arg);
                            getAtts.add(new String[]{String.valueOf(a.get(0)), String.valueOf(a.get(1))});
                        } catch (TemplateException e) {
                            // malformed GetAtt is reported when evaluated
                        }
                        return;
                    }
                    case "Fn::Sub" -> {
                        Object text = arg instanceof List<?> l && !l.isEmpty() ? l.get(0) : arg;
                        Map<?, ?> vars = arg instanceof List<?> l && l.size() > 1 && l.get(1) instanceof Map<?, ?> v ? v : Map.of();
                        if (text instanceof String s) subVars(s, vars);
                        else walk(text);
                        vars.values().forEach(this::walk);
                        return;
                    }
                    case "Fn::If" -> {
                        if (arg instanceof List<?> l && !l.isEmpty()) {
                            conditions.add(String.valueOf(l.get(0)));
                            l.subList(1, l.size()).forEach(this::walk);
                            return;
                        }
                    }
                    case "Fn::ImportValue" -> {
                        if (arg instanceof String s) imports.add(s);
                        else walk(arg);
                        return;
                    }
                    default -> { }
                }
            }
            m.values().forEach(this::walk);
        } else if (node instanceof List<?> l) {
            l.forEach(this::walk);
        }
    }

    private void subVars(String text, Map<?, ?> vars) {
        Matcher m = SUB_VAR.matcher(text);
        while (m.find()) {
            String var = m.group(1).trim();
            if (vars.containsKey(var)) continue;
            int dot = var.indexOf('.');
            if (dot > 0 && !var.startsWith("AWS::")) getAtts.add(new String[]{var.substring(0, dot), var.substring(dot + 1)});
            else refs.add(var);
        }
    }
}
