package dev.crossdeploy.stage;

import java.util.List;

/**
 * A group of the stages file that rolls out through one stack set.
 *
 * @param name   the group's name, the value of {@code -Dstage}
 * @param stages its stages, in the order listed
 * @param config its {@code stackSet:} block
 */
public record StackSetGroup(String name, List<Stage> stages, StackSetConfig config) {
    public StackSetGroup {
        stages = List.copyOf(stages);
    }
}
