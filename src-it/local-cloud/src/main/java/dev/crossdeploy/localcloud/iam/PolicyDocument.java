package dev.crossdeploy.localcloud.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.http.AwsException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed IAM policy document (identity, trust or resource policy). Parsing is strict where
 * IAM is strict: a document that is not JSON, has no Statement, or an Effect other than
 * Allow/Deny is refused with IAM's MalformedPolicyDocument error.
 */
public final class PolicyDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String json;
    private final List<Statement> statements;

    private PolicyDocument(String json, List<Statement> statements) {
        this.json = json;
        this.statements = statements;
    }

    public String json() { return json; }
    public List<Statement> statements() { return statements; }

    public static PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (Exception e) {
            throw malformed("Syntax errors in policy.");
        }
        return parse(root);
    }

    public static PolicyDocument parse(JsonNode root) {
        if (root == null || !root.isObject()) throw malformed("Syntax errors in policy.");
        JsonNode st = root.get("Statement");
        if (st == null) throw malformed("Missing required field Statement");
        List<Statement> out = new ArrayList<>();
        if (st.isArray()) {
            for (JsonNode s : st) out.add(Statement.parse(s));
        } else {
            out.add(Statement.parse(st));
        }
        return new PolicyDocument(root.toString(), List.copyOf(out));
    }

    static AwsException malformed(String message) {
        return new AwsException(400, "MalformedPolicyDocument", message);
    }

    /** One statement: effect, optional principal block, actions, resources and conditions. */
    public record Statement(String sid, boolean allow,
                            Map<String, List<String>> principals, boolean anyPrincipal,
                            List<String> actions, boolean notAction,
                            List<String> resources, boolean notResource,
                            Map<String, Map<String, List<String>>> conditions) {

        static Statement parse(JsonNode s) {
            if (!s.isObject()) throw malformed("Syntax errors in policy.");
            String effect = text(s.get("Effect"));
            if (!"Allow".equals(effect) && !"Deny".equals(effect)) {
                throw malformed("Invalid effect: " + effect);
            }
            Map<String, List<String>> principals = new LinkedHashMap<>();
            boolean any = false;
            JsonNode p = s.get("Principal");
            if (p != null) {
                if (p.isTextual()) {
                    if (!"*".equals(p.asText())) throw malformed("Invalid principal in policy: " + p.asText());
                    any = true;
                } else if (p.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        List<String> values = strings(e.getValue());
                        if ("AWS".equals(e.getKey()) && values.contains("*")) any = true;
                        principals.put(e.getKey(), values);
                    }
                } else {
                    throw malformed("Syntax errors in policy.");
                }
            }
            boolean notAction = s.has("NotAction");
            List<String> actions = strings(notAction ? s.get("NotAction") : s.get("Action"));
            if (actions.isEmpty()) throw malformed("Policy statement must contain actions.");
            boolean notResource = s.has("NotResource");
            List<String> resources = strings(notResource ? s.get("NotResource") : s.get("Resource"));
            Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
            JsonNode c = s.get("Condition");
            if (c != null && c.isObject()) {
                c.fields().forEachRemaining(op -> {
                    Map<String, List<String>> keys = new LinkedHashMap<>();
                    op.getValue().fields().forEachRemaining(k -> keys.put(k.getKey(), strings(k.getValue())));
                    conditions.put(op.getKey(), keys);
                });
            }
            return new Statement(text(s.get("Sid")), "Allow".equals(effect), principals, any,
                    actions, notAction, resources, notResource, conditions);
        }

        public boolean hasPrincipal() { return anyPrincipal || !principals.isEmpty(); }

        public boolean matchesAction(String action) {
            boolean hit = actions.stream().anyMatch(a -> Wildcards.matchIgnoreCase(a, action));
            return notAction != hit;
        }

        /** Statements without Resource (trust policies) match every resource. */
        public boolean matchesResource(String resourceArn) {
            if (resources.isEmpty()) return !notResource;
            boolean hit = resources.stream().anyMatch(r -> Wildcards.match(r, resourceArn));
            return notResource != hit;
        }
    }

    static String text(JsonNode n) { return n == null || n.isNull() ? null : n.asText(); }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (n.isArray()) n.forEach(x -> out.add(x.asText()));
        else out.add(n.asText());
        return out;
    }
}
