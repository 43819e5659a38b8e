package dev.crossdeploy.stack;

import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.ResourceTargetDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why CloudFormation modifies a resource, in a few words for the change-set table, from the
 * change's {@code Scope} and {@code Details}: the properties that change, each marked when it
 * replaces the resource ({@code RequiresRecreation} Always, evaluated statically) or may
 * ({@code Conditionally}, or Always on a value known only at execution), then any other
 * attribute that changes ({@code Tags}, {@code Metadata}, ...). Details repeat a property for
 * each cause; it is named once.
 */
final class ChangeReasons {
    private ChangeReasons() {}

    static String describe(ResourceChange change) {
        if (!"Modify".equals(change.actionAsString())) return "";
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (ResourceChangeDetail detail : change.details()) {
            ResourceTargetDefinition target = detail.target();
            if (target == null) continue;
            String attribute = target.attributeAsString();
            if ("Properties".equals(attribute) && target.name() != null) {
                properties.merge(target.name(), mark(detail), ChangeReasons::stronger);
            } else if (attribute != null && !"Properties".equals(attribute) && !others.contains(attribute)) {
                others.add(attribute);
            }
        }
        // Without details the scope still says what kind of change it is.
        if (properties.isEmpty() && others.isEmpty()) return String.join(", ", change.scopeAsStrings());
        List<String> parts = new ArrayList<>();
        if (!properties.isEmpty()) {
            List<String> names = new ArrayList<>();
            properties.forEach((name, mark) -> names.add(name + mark));
            parts.add("Properties: " + String.join(", ", names));
        }
        parts.addAll(others);
        return String.join("; ", parts);
    }

    private static String mark(ResourceChangeDetail detail) {
        String recreation = detail.target().requiresRecreationAsString();
        if ("Always".equals(recreation)) return "Static".equals(detail.evaluationAsString()) ? " (replaces)" : " (may replace)";
        if ("Conditionally".equals(recreation)) return " (may replace)";
        return "";
    }

    private static String stronger(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(String mark) {
        return switch (mark) {
            case " (replaces)" -> 2;
            case " (may replace)" -> 1;
            default -> 0;
        };
    }
}
