package dev.crossdeploy.localcloud.cloudformation.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resources each resource needs first: DependsOn plus the implicit dependencies of Ref,
 * Fn::GetAtt and Fn::Sub, among the resources that exist in this deployment.
 */
public final class DependencyGraph {
    private final Map<String, Set<String>> deps = new LinkedHashMap<>();

    public DependencyGraph(Template t, Set<String> active) {
        for (ResourceDecl r : t.resources().values()) {
            if (!active.contains(r.logicalId())) continue;
            Set<String> d = new LinkedHashSet<>();
            for (String target : References.of(r.properties()).targets()) {
                if (active.contains(target)) d.add(target);
            }
            for (String dep : r.dependsOn()) if (active.contains(dep)) d.add(dep);
            deps.put(r.logicalId(), d);
        }
    }

    /** Resource → the resources it depends on. */
    public Map<String, Set<String>> dependencies() { return deps; }

    /** Resource → the resources that depend on it (for deletion order). */
    public Map<String, Set<String>> dependents() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        deps.keySet().forEach(k -> out.put(k, new LinkedHashSet<>()));
        deps.forEach((k, v) -> v.forEach(d -> out.computeIfAbsent(d, x -> new LinkedHashSet<>()).add(k)));
        return out;
    }

    /** Throws CloudFormation's "Circular dependency between resources" error when there is a cycle. */
    public void checkAcyclic() {
        Set<String> inCycles = new LinkedHashSet<>();
        for (List<String> scc : stronglyConnected()) {
            if (scc.size() > 1 || deps.get(scc.get(0)).contains(scc.get(0))) inCycles.addAll(scc);
        }
        if (!inCycles.isEmpty()) {
            List<String> ordered = deps.keySet().stream().filter(inCycles::contains).toList();
            throw new TemplateException("Circular dependency between resources: " + TemplateValidator.list(ordered));
        }
    }

    private List<List<String>> stronglyConnected() {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new LinkedHashSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : deps.keySet()) {
            if (!index.containsKey(v)) strong(v, index, low, stack, onStack, out, counter);
        }
        return out;
    }

    private void strong(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                        Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : deps.getOrDefault(v, Set.of())) {
            if (!deps.containsKey(w)) continue;
            if (!index.containsKey(w)) {
                strong(w, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> scc = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            out.add(scc);
        }
    }
}
