package dev.crossdeploy.localcloud.cloudformation.engine;

import dev.crossdeploy.localcloud.cloudformation.template.Intrinsics;
import dev.crossdeploy.localcloud.cloudformation.template.ParameterDecl;
import dev.crossdeploy.localcloud.cloudformation.template.Resolver;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateException;
import dev.crossdeploy.localcloud.cloudformation.template.Unresolved;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves Ref, GetAtt, ImportValue and conditions for one deployment of a stack. While
 * planning a change set, values of resources that do not exist yet are {@link Unresolved}.
 */
final class StackResolver implements Resolver {
    private final Template template;
    private final Map<String, String> parameters;
    private final Stack stack;
    private final List<String> notificationArns;
    private final Function<String, StackResource> resources;
    private final Function<String, String> exports;
    private final boolean planning;
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Intrinsics intrinsics;
    private Set<String> active;

    StackResolver(Template template, Map<String, String> parameters, Stack stack, List<String> notificationArns,
                  Function<String, StackResource> resources, Function<String, String> exports, boolean planning) {
        this.template = template;
        this.parameters = parameters;
        this.stack = stack;
        this.notificationArns = notificationArns;
        this.resources = resources;
        this.exports = exports;
        this.planning = planning;
        this.intrinsics = new Intrinsics(this, template.mappings());
    }

    Intrinsics intrinsics() { return intrinsics; }

    /** Logical ids whose Condition holds (all without one). */
    Set<String> active() {
        if (active == null) {
            Set<String> out = new java.util.LinkedHashSet<>();
            template.resources().values().forEach(r -> {
                if (r.condition() == null || condition(r.condition())) out.add(r.logicalId());
            });
            active = out;
        }
        return active;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> evalMap(Map<String, Object> m) {
        return (Map<String, Object>) intrinsics.eval(m);
    }

    @Override
    public Object ref(String name) {
        switch (name) {
            case "AWS::AccountId": return stack.accountId;
            case "AWS::Region": return stack.region;
            case "AWS::StackName": return stack.name;
            case "AWS::StackId": return stack.id;
            case "AWS::Partition": return "aws";
            case "AWS::URLSuffix": return "amazonaws.com";
            case "AWS::NoValue": return Intrinsics.NO_VALUE;
            case "AWS::NotificationARNs": return new ArrayList<Object>(notificationArns);
            default: break;
        }
        ParameterDecl p = template.parameters().get(name);
        if (p != null) {
            String v = parameters.get(name);
            if (p.isList()) return new ArrayList<Object>(List.of(v.split(",", -1)));
            return v;
        }
        return resource(name, "Ref").physicalId();
    }

    @Override
    public Object getAtt(String resource, String attribute) {
        StackResource r;
        try {
            r = resource(resource, "Fn::GetAtt");
        } catch (Unresolved u) {
            // A change set names the attribute that causes the change ("FunctionVersion.Version").
            throw new Unresolved(resource + "." + attribute);
        }
        Object v = r.result().attributes().get(attribute);
        if (v == null) {
            if (planning) throw new Unresolved(resource + "." + attribute);
            throw new TemplateException("Template error: resource " + resource
                    + " does not support attribute type " + attribute + " in Fn::GetAtt");
        }
        return v;
    }

    private StackResource resource(String name, String fn) {
        if (!template.resources().containsKey(name) || !active().contains(name)) {
            if (fn.equals("Fn::GetAtt")) {
                throw new TemplateException("Template error: instance of Fn::GetAtt references undefined resource " + name);
            }
            throw new TemplateException("Template format error: Unresolved resource dependencies [" + name
                    + "] in the Resources block of the template");
        }
        StackResource r = resources.apply(name);
        if (r == null || r.result() == null) {
            if (planning) throw new Unresolved(name);
            throw new TemplateException("Resource " + name + " is not available");
        }
        return r;
    }

    @Override
    public String importValue(String exportName) {
        String v = exports.apply(exportName);
        if (v == null) {
            if (planning) throw new Unresolved("import " + exportName);
            throw new TemplateException("No export named " + exportName + " found.");
        }
        return v;
    }

    @Override
    public boolean condition(String name) {
        Boolean cached = conditions.get(name);
        if (cached != null) return cached;
        Object def = template.conditions().get(name);
        if (def == null) {
            throw new TemplateException("Template format error: Unresolved condition dependency " + name + " in Fn::If");
        }
        boolean v = intrinsics.evalCondition(def);
        conditions.put(name, v);
        return v;
    }

    @Override
    public List<String> azs(String region) {
        String r = region == null || region.isEmpty() ? stack.region : region;
        return List.of(r + "a", r + "b", r + "c");
    }
}
