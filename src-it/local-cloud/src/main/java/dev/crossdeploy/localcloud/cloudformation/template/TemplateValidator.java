package dev.crossdeploy.localcloud.cloudformation.template;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRegistry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks CloudFormation makes before it accepts a template: known resource types and
 * parameter types, references that resolve, GetAtt attributes the type has, no cycles.
 */
public final class TemplateValidator {
    public static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::Region", "AWS::StackName",
            "AWS::StackId", "AWS::Partition", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs");
    private static final Pattern PARAMETER_TYPE = Pattern.compile(
            "String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+|List<AWS::[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+>|AWS::SSM::Parameter::Value<.+>|AWS::SSM::Parameter::Name");

    private final ResourceRegistry registry;

    public TemplateValidator(ResourceRegistry registry) { this.registry = registry; }

    public void validate(Template t) {
        checkParameterTypes(t);
        checkResourceTypes(t);
        Set<String> names = new LinkedHashSet<>(t.parameters().keySet());
        names.addAll(PSEUDO_PARAMETERS);
        Set<String> unresolved = new LinkedHashSet<>();
        for (ResourceDecl r : t.resources().values()) {
            References refs = References.of(r.properties());
            for (String ref : refs.refs) {
                if (!names.contains(ref) && !t.resources().containsKey(ref)) unresolved.add(ref);
            }
            for (String dep : r.dependsOn()) {
                if (!t.resources().containsKey(dep)) unresolved.add(dep);
            }
            checkGetAtts(t, refs);
            checkConditions(t, refs, r.condition());
        }
        if (!unresolved.isEmpty()) {
            throw new TemplateException("Template format error: Unresolved resource dependencies " + list(unresolved)
                    + " in the Resources block of the template");
        }
        for (OutputDecl o : t.outputs().values()) {
            References refs = References.of(o.value());
            References exportRefs = References.of(o.exportName());
            for (String ref : refs.refs) {
                if (!names.contains(ref) && !t.resources().containsKey(ref)) unresolved.add(ref);
            }
            checkGetAtts(t, refs);
            checkConditions(t, refs, o.condition());
            if (exportRefs.targets().stream().anyMatch(t.resources()::containsKey) || !exportRefs.imports.isEmpty()) {
                throw new TemplateException("Template format error: Output " + o.key()
                        + " is malformed.  The Name field of Export must not depend on any resources, imported values, or Fn::GetAZs.");
            }
        }
        if (!unresolved.isEmpty()) {
            throw new TemplateException("Template format error: Unresolved resource dependencies " + list(unresolved)
                    + " in the Outputs block of the template");
        }
        for (var c : t.conditions().entrySet()) {
            References refs = References.of(c.getValue());
            for (String ref : refs.refs) {
                if (t.resources().containsKey(ref)) {
                    throw new TemplateException("Template format error: Unresolved dependencies [" + ref
                            + "]. Cannot reference resources in the Conditions block of the template");
                }
            }
        }
        new DependencyGraph(t, t.resources().keySet()).checkAcyclic();
    }

    private void checkParameterTypes(Template t) {
        for (ParameterDecl p : t.parameters().values()) {
            String type = p.type();
            if (type == null) {
                throw new TemplateException("Template format error: Every Parameters object must contain a Type member.");
            }
            if (!PARAMETER_TYPE.matcher(type).matches()) {
                throw new TemplateException("Template format error: Unrecognized parameter type: " + type);
            }
        }
    }

    private void checkResourceTypes(Template t) {
        Set<String> unknown = new LinkedHashSet<>();
        for (ResourceDecl r : t.resources().values()) {
            if (registry.handler(r.type()).isEmpty()) unknown.add(r.type());
        }
        if (!unknown.isEmpty()) {
            throw new TemplateException("Template format error: Unrecognized resource types: " + list(unknown));
        }
    }

    private void checkGetAtts(Template t, References refs) {
        for (String[] g : refs.getAtts) {
            ResourceDecl target = t.resources().get(g[0]);
            if (target == null) {
                throw new TemplateException("Template error: instance of Fn::GetAtt references undefined resource " + g[0]);
            }
            Optional<ResourceHandler> h = registry.handler(target.type());
            if (h.isPresent() && !h.get().attributeNames().contains(g[1])) {
                throw new TemplateException("Template error: resource " + g[0]
                        + " does not support attribute type " + g[1] + " in Fn::GetAtt");
            }
        }
    }

    private static void checkConditions(Template t, References refs, String own) {
        Set<String> used = new LinkedHashSet<>(refs.conditions);
        if (own != null) used.add(own);
        for (String c : used) {
            if (!t.conditions().containsKey(c)) {
                throw new TemplateException("Template format error: Unresolved condition dependency " + c + " in Fn::If");
            }
        }
    }

    static String list(Iterable<String> names) {
        List<String> l = new ArrayList<>();
        names.forEach(l::add);
        return "[" + String.join(", ", l) + "]";
    }
}
