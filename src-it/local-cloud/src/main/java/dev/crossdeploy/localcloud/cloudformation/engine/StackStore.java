package dev.crossdeploy.localcloud.cloudformation.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every stack and export, per account and region. */
public final class StackStore {
    /** An exported output value. */
    public record Export(String name, String value, String stackId, String stackName) {}

    private final Map<String, List<Stack>> stacks = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Export>> exports = new ConcurrentHashMap<>();

    public void reset() {
        stacks.clear();
        exports.clear();
    }

    private static String key(String account, String region) { return account + "|" + region; }

    public synchronized void add(Stack s) {
        stacks.computeIfAbsent(key(s.accountId, s.region), k -> new ArrayList<>()).add(s);
    }

    /** Adds a stack unless a live stack of the same name exists; returns whether it was added. */
    public synchronized boolean addIfAbsent(Stack s) {
        List<Stack> here = stacks.computeIfAbsent(key(s.accountId, s.region), k -> new ArrayList<>());
        if (here.stream().anyMatch(o -> o.name.equals(s.name) && !o.isDeleted())) return false;
        here.add(s);
        return true;
    }

    /** All stacks, deleted ones included, oldest first. */
    public synchronized List<Stack> all(String account, String region) {
        return List.copyOf(stacks.getOrDefault(key(account, region), List.of()));
    }

    /** By stack id (deleted stacks too) or by name (live stacks only). */
    public synchronized Optional<Stack> find(String account, String region, String nameOrId) {
        for (Stack s : stacks.getOrDefault(key(account, region), List.of())) {
            if (s.id.equals(nameOrId)) return Optional.of(s);
        }
        for (Stack s : stacks.getOrDefault(key(account, region), List.of())) {
            if (s.name.equals(nameOrId) && !s.isDeleted()) return Optional.of(s);
        }
        return Optional.empty();
    }

    public Map<String, Export> exports(String account, String region) {
        return exports.computeIfAbsent(key(account, region), k -> new ConcurrentHashMap<>());
    }

    /** Live stacks that import {@code exportName}, by name. */
    public synchronized List<String> importers(String account, String region, String exportName) {
        List<String> out = new ArrayList<>();
        for (Stack s : stacks.getOrDefault(key(account, region), List.of())) {
            if (!s.isDeleted() && s.imports.contains(exportName)) out.add(s.name);
        }
        return out;
    }
}
