package dev.crossdeploy.localcloud.cloudformation.drift;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackResource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares each resource's deployed properties with the live resource, for the types a
 * {@link LiveReader} can read; every other type is NOT_CHECKED, as CloudFormation reports types
 * that do not support drift detection.
 */
public final class DriftDetector {
    private final CloudState state;
    private final Map<String, LiveReader> readers;

    public DriftDetector(CloudState state) {
        this.state = state;
        this.readers = Stream.of(new BucketReader(), new LogGroupReader(), new FunctionReader(), new TableReader(),
                        new RoleReader())
                .collect(Collectors.toMap(LiveReader::type, Function.identity()));
    }

    public ResourceDrift detect(Stack stack, StackResource resource) {
        return detect(stack, resource, state.clock().instant());
    }

    /** Detects one resource's drift as part of a stack detection, which stamps every result with its own time. */
    public ResourceDrift detect(Stack stack, StackResource resource, Instant now) {
        Map<String, Object> expected = resource.properties() == null ? Map.of() : resource.properties();
        LiveReader reader = readers.get(resource.type());
        if (reader == null || resource.physicalId() == null) {
            return new ResourceDrift(stack.id(), resource.logicalId(), resource.physicalId(), resource.type(),
                    "NOT_CHECKED", expected, null, List.of(), now);
        }
        Optional<Map<String, Object>> actual = reader.actual(state, stack.accountId(), stack.region(), resource.physicalId(), expected);
        if (actual.isEmpty()) {
            return new ResourceDrift(stack.id(), resource.logicalId(), resource.physicalId(), resource.type(),
                    "DELETED", expected, null, List.of(), now);
        }
        // Only properties the template sets are checked: a default left out of it never drifts.
        Map<String, Object> compared = new LinkedHashMap<>(actual.get());
        compared.keySet().retainAll(expected.keySet());
        List<PropertyDifference> differences = PropertyDiff.between(expected, compared);
        return new ResourceDrift(stack.id(), resource.logicalId(), resource.physicalId(), resource.type(),
                differences.isEmpty() ? "IN_SYNC" : "MODIFIED", expected, compared, differences, now);
    }

    /** Properties as the JSON text CloudFormation returns in ExpectedProperties and ActualProperties. */
    public static String json(Map<String, Object> properties) {
        return properties == null ? null : PropertyDiff.json(properties);
    }
}
