package dev.crossdeploy.localcloud.cloudformation.engine;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler.RequiresRecreation;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRegistry;
import dev.crossdeploy.localcloud.cloudformation.template.DependencyGraph;
import dev.crossdeploy.localcloud.cloudformation.template.Intrinsics;
import dev.crossdeploy.localcloud.cloudformation.template.References;
import dev.crossdeploy.localcloud.cloudformation.template.ResourceDecl;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateException;
import dev.crossdeploy.localcloud.cloudformation.template.Unresolved;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Works out a change set's Changes by comparing the proposed template, evaluated as far as it
 * can be before execution, with what the stack has deployed. A change of the stack's tags
 * modifies every resource of a type that supports tags (Scope {@code Tags}), as CloudFormation
 * propagates stack tags to them; other resources change only when their properties do.
 */
final class ChangeSetPlanner {
    private final ResourceRegistry registry;

    ChangeSetPlanner(ResourceRegistry registry) { this.registry = registry; }

    /**
     * @param known filled with the deployed resources that keep their physical id, which the
     *              resolver reads; the others' values are dynamic until execution
     */
    List<ResourceChange> plan(ChangeSet cs, StackResolver resolver, Map<String, StackResource> known, boolean create) {
        Stack stack = cs.stack;
        Template next = cs.template;
        Set<String> active = resolver.active();
        List<ResourceChange> changes = new ArrayList<>();
        boolean tagsChanged = !create && !Canonical.same(tagMap(stack.tags), tagMap(cs.tags));
        Set<String> replacedTypes = new LinkedHashSet<>();
        for (String id : order(next, active)) {
            ResourceDecl decl = next.resources().get(id);
            StackResource old = create ? null : stack.resource(id);
            if (old == null || old.physicalId() == null) {
                changes.add(new ResourceChange("Add", id, null, decl.type(), null, List.of(), List.of(), null));
                continue;
            }
            if (!old.type().equals(decl.type())) {
                replacedTypes.add(id);
                continue;
            }
            ResourceHandler handler = registry.handler(decl.type()).orElseThrow();
            List<ResourceChange.Detail> details = new ArrayList<>();
            boolean always = false;
            boolean conditional = false;
            Set<String> keys = new LinkedHashSet<>(old.properties.keySet());
            keys.addAll(decl.properties().keySet());
            ResourceDecl oldDecl = stack.template == null ? null : stack.template.resources().get(id);
            for (String key : keys) {
                Object raw = decl.properties().get(key);
                String evaluation = "Static";
                List<String[]> causes = new ArrayList<>();
                try {
                    Object v = raw == null ? null : resolver.intrinsics().eval(raw);
                    if (v == Intrinsics.NO_VALUE) v = null;
                    if (Canonical.same(old.properties.get(key), v)) continue;
                    Object oldRaw = oldDecl == null ? null : oldDecl.properties().get(key);
                    if (raw != null && Canonical.same(oldRaw, raw)) {
                        // The template did not change here: the parameters whose values did are the cause.
                        for (String r : References.of(raw).refs) {
                            if (next.parameters().containsKey(r) && !java.util.Objects.equals(stack.parameters.get(r), cs.parameters.get(r))) {
                                causes.add(new String[]{"ParameterReference", r});
                            }
                        }
                    }
                } catch (Unresolved u) {
                    evaluation = "Dynamic";
                    String causing = u.getMessage();
                    causes.add(new String[]{causing.contains(".") ? "ResourceAttribute" : "ResourceReference", causing});
                }
                if (causes.isEmpty()) causes.add(new String[]{"DirectModification", null});
                RequiresRecreation rr = handler.recreation(key);
                if (rr == RequiresRecreation.ALWAYS && evaluation.equals("Static")) always = true;
                if (rr == RequiresRecreation.ALWAYS && evaluation.equals("Dynamic")) conditional = true;
                if (rr == RequiresRecreation.CONDITIONALLY) conditional = true;
                for (String[] cause : causes) {
                    details.add(new ResourceChange.Detail("Properties", key, recreation(rr), evaluation, cause[0], cause[1]));
                }
            }
            // CloudFormation propagates stack tags to every resource whose type supports tags.
            boolean retagged = tagsChanged && handler.taggable();
            if (details.isEmpty() && !retagged) {
                known.put(id, old);
                continue;
            }
            List<String> scope = new ArrayList<>();
            if (!details.isEmpty()) scope.add("Properties");
            if (retagged) {
                scope.add("Tags");
                details.add(new ResourceChange.Detail("Tags", null, "Never", "Static", "DirectModification", null));
            }
            String replacement = always ? "True" : conditional ? "Conditional" : "False";
            if (!always) known.put(id, old);
            String policy = always ? (decl.retainOnReplace() ? "ReplaceAndRetain" : "ReplaceAndDelete") : null;
            changes.add(new ResourceChange("Modify", id, old.physicalId(), decl.type(), replacement, scope, details, policy));
        }
        if (!replacedTypes.isEmpty()) {
            throw new TemplateException("Update of resource type is not permitted. The new template modifies resource type of the following resources: "
                    + replacedTypes.stream().toList());
        }
        if (!create) {
            for (StackResource old : stack.resources()) {
                if (!active.contains(old.logicalId()) && old.physicalId() != null) {
                    changes.add(new ResourceChange("Remove", old.logicalId(), old.physicalId(), old.type(), null,
                            List.of(), List.of(), old.decl().retainOnDelete() ? "Retain" : "Delete"));
                }
            }
        }
        return changes;
    }

    /** Resources in an order where each comes after the ones it depends on. */
    static List<String> order(Template t, Set<String> active) {
        Map<String, Set<String>> deps = new DependencyGraph(t, active).dependencies();
        List<String> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        boolean progress = true;
        while (placed.size() < deps.size() && progress) {
            progress = false;
            for (var e : deps.entrySet()) {
                if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
                    placed.add(e.getKey());
                    out.add(e.getKey());
                    progress = true;
                }
            }
        }
        return out;
    }

    private static String recreation(RequiresRecreation rr) {
        return switch (rr) {
            case NEVER -> "Never";
            case CONDITIONALLY -> "Conditionally";
            case ALWAYS -> "Always";
        };
    }

    static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> m = new HashMap<>();
        tags.forEach(t -> m.put(t.key(), t.value()));
        return m;
    }
}
