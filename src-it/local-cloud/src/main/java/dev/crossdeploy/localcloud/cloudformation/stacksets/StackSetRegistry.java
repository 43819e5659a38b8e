package dev.crossdeploy.localcloud.cloudformation.stacksets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stack sets of each administrator account and region, by name; a set is also found by its id. */
final class StackSetRegistry {
    private final Map<String, Map<String, StackSet>> sets = new LinkedHashMap<>();

    private static String key(String account, String region) { return account + "|" + region; }

    synchronized Optional<StackSet> find(String account, String region, String nameOrId) {
        for (StackSet s : sets.getOrDefault(key(account, region), Map.of()).values()) {
            if (s.name.equals(nameOrId) || s.id.equals(nameOrId) || s.arn.equals(nameOrId)) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** The set, or CloudFormation's StackSetNotFoundException. */
    StackSet get(String account, String region, String nameOrId) {
        return find(account, region, nameOrId).orElseThrow(() -> StackSetErrors.notFound(nameOrId));
    }

    /** Adds the set unless one of that name exists; returns whether it was added. */
    synchronized boolean add(StackSet set) {
        Map<String, StackSet> here = sets.computeIfAbsent(key(set.adminAccount, set.region), k -> new LinkedHashMap<>());
        if (here.containsKey(set.name)) return false;
        here.put(set.name, set);
        return true;
    }

    synchronized void remove(StackSet set) {
        sets.getOrDefault(key(set.adminAccount, set.region), new LinkedHashMap<>()).remove(set.name);
    }

    synchronized List<StackSet> all(String account, String region) {
        return new ArrayList<>(sets.getOrDefault(key(account, region), Map.of()).values());
    }

    synchronized void clear() { sets.clear(); }
}
