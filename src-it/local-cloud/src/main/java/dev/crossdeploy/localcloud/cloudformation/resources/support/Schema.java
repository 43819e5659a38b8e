package dev.crossdeploy.localcloud.cloudformation.resources.support;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler.RequiresRecreation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties an object may have (a resource type's top level, or a nested structure):
 * missing required keys, unknown keys and wrongly typed values are reported in the words of
 * CloudFormation's schema validator ("#: required key [KeySchema] not found",
 * "#: extraneous key [Foo] is not permitted").
 */
public final class Schema {
    private final Map<String, Prop> props = new LinkedHashMap<>();
    private final boolean open;

    private Schema(boolean open, Prop... props) {
        this.open = open;
        for (Prop p : props) this.props.put(p.name(), p);
    }

    public static Schema of(Prop... props) { return new Schema(false, props); }

    /** A schema that lets properties it does not list through unchecked. */
    static Schema open(Prop... props) { return new Schema(true, props); }

    /** Problems with a resource's top-level properties; empty when they are fine. */
    public List<String> validate(Map<String, Object> values) {
        List<String> problems = new ArrayList<>();
        check("#", values == null ? Map.of() : values, problems);
        return problems;
    }

    void check(String path, Map<String, Object> values, List<String> problems) {
        for (Prop p : props.values()) {
            if (p.required() && values.get(p.name()) == null) {
                problems.add(path + ": required key [" + p.name() + "] not found");
            }
        }
        values.forEach((name, value) -> {
            Prop p = props.get(name);
            if (p == null) {
                if (!open) problems.add(path + ": extraneous key [" + name + "] is not permitted");
            } else if (value != null) {
                p.kind().check(path + "/" + name, value, problems);
            }
        });
    }

    /** Whether the object has a property of that name. */
    public boolean declares(String property) { return props.containsKey(property); }

    public RequiresRecreation recreation(String property) {
        Prop p = props.get(property);
        return p == null ? RequiresRecreation.NEVER : p.onUpdate();
    }
}
