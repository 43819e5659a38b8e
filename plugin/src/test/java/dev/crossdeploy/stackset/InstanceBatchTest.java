package dev.crossdeploy.stackset;

import dev.crossdeploy.stage.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One CreateStackInstances call per set of identical overrides whose accounts share their regions. */
class InstanceBatchTest {
    static Stage stage(String name, String account, String region) {
        return new Stage(name, account, region, "arn:aws:iam::" + account + ":role/d", "arn:aws:iam::" + account + ":role/e",
                "bucket-" + account, "", null, null, Map.of(), Map.of(), false, List.of(), null);
    }

    @Test
    void stagesWithTheSameOverridesShareOneCallAndOthersGetTheirOwn() {
        Stage a = stage("a", "111111111111", "us-east-1");
        Stage b = stage("b", "222222222222", "us-east-1");
        Stage c = stage("c", "333333333333", "us-east-1");
        Map<String, Map<String, String>> overrides = Map.of("a", Map.of("LogLevel", "INFO"), "b", Map.of("LogLevel", "DEBUG"),
                "c", Map.of("LogLevel", "INFO"));

        List<InstanceBatch> batches = InstanceBatch.of(List.of(a, b, c), s -> overrides.get(s.name()));

        assertThat(batches).containsExactly(
                new InstanceBatch(List.of(a, c), List.of("111111111111", "333333333333"), List.of("us-east-1"), Map.of("LogLevel", "INFO")),
                new InstanceBatch(List.of(b), List.of("222222222222"), List.of("us-east-1"), Map.of("LogLevel", "DEBUG")));
    }

    @Test
    void aCallTakesAccountsTimesRegionsSoAccountsWithOtherRegionsAreSplit() {
        Stage aEu = stage("a-eu", "111111111111", "eu-west-1");
        Stage aUs = stage("a-us", "111111111111", "us-east-1");
        Stage bEu = stage("b-eu", "222222222222", "eu-west-1");

        List<InstanceBatch> batches = InstanceBatch.of(List.of(aEu, aUs, bEu), s -> Map.of());

        assertThat(batches).containsExactly(
                new InstanceBatch(List.of(aEu, aUs), List.of("111111111111"), List.of("eu-west-1", "us-east-1"), Map.of()),
                new InstanceBatch(List.of(bEu), List.of("222222222222"), List.of("eu-west-1"), Map.of()));
    }
}
