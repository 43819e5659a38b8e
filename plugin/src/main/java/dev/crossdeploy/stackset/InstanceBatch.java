package dev.crossdeploy.stackset;

import dev.crossdeploy.stage.Stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Stack instances one CreateStackInstances or UpdateStackInstances call covers: CloudFormation
 * applies one set of parameter overrides to every account and region of a call, and takes the
 * accounts times the regions, so a batch holds stages with identical overrides whose accounts
 * share the same regions.
 *
 * @param stages    the stages, in group order
 * @param accounts  their accounts
 * @param regions   their regions
 * @param overrides the overrides every instance of the batch gets
 */
record InstanceBatch(List<Stage> stages, List<String> accounts, List<String> regions, Map<String, String> overrides) {

    /** The fewest batches covering {@code stages}, in the order their first stage appears. */
    static List<InstanceBatch> of(List<Stage> stages, Function<Stage, Map<String, String>> overrides) {
        Map<Map<String, String>, List<Stage>> byOverrides = new LinkedHashMap<>();
        for (Stage stage : stages) byOverrides.computeIfAbsent(overrides.apply(stage), k -> new ArrayList<>()).add(stage);
        List<InstanceBatch> batches = new ArrayList<>();
        byOverrides.forEach((values, same) -> {
            Map<String, Set<String>> regionsOfAccount = new LinkedHashMap<>();
            same.forEach(s -> regionsOfAccount.computeIfAbsent(s.accountId(), k -> new LinkedHashSet<>()).add(s.region()));
            Map<Set<String>, List<String>> accountsByRegions = new LinkedHashMap<>();
            regionsOfAccount.forEach((account, regions) -> accountsByRegions.computeIfAbsent(regions, k -> new ArrayList<>()).add(account));
            accountsByRegions.forEach((regions, accounts) -> batches.add(new InstanceBatch(
                    same.stream().filter(s -> accounts.contains(s.accountId())).toList(),
                    List.copyOf(accounts), List.copyOf(regions), Map.copyOf(values))));
        });
        return batches;
    }
}
