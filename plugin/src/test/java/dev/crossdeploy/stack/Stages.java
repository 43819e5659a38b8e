package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;

import java.util.List;
import java.util.Map;

/** Stages for tests. */
final class Stages {
    private Stages() {}

    static Stage plain(String name, Map<String, String> parameters) {
        return new Stage(name, "222222222222", "us-east-1", null, null, null, "", null, null,
                parameters, Map.of(), false, List.of(), null);
    }

    static Stage with(String name, String accountId, String executionRoleArn, String bucket,
                      Map<String, String> parameters, Map<String, String> tags, boolean protectedStage) {
        return new Stage(name, accountId, "us-east-1", null, executionRoleArn, bucket, "", null, null,
                parameters, tags, protectedStage, List.of(), null);
    }

    static Stage withCapabilities(String name, List<String> capabilities) {
        return new Stage(name, "222222222222", "us-east-1", null, null, null, "", null, null,
                Map.of(), Map.of(), false, capabilities, null);
    }
}
