package dev.crossdeploy.localcloud.cloudformation.drift;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.logs.LogStore;
import dev.crossdeploy.localcloud.logs.LogsModule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** AWS::Logs::LogGroup: its retention, as PutRetentionPolicy and DeleteRetentionPolicy leave it. */
final class LogGroupReader implements LiveReader {
    @Override
    public String type() { return "AWS::Logs::LogGroup"; }

    @Override
    public Optional<Map<String, Object>> actual(CloudState state, String accountId, String region, String physicalId,
                                                Map<String, Object> expected) {
        Optional<LogStore.LogGroup> group = state.module(LogsModule.class).store().group(accountId, region, physicalId);
        return group.map(g -> {
            Map<String, Object> actual = new LinkedHashMap<>(expected);
            if (g.retentionInDays() == null) actual.remove("RetentionInDays");
            else actual.put("RetentionInDays", g.retentionInDays());
            return actual;
        });
    }
}
