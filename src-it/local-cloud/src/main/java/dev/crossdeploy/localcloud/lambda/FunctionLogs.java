package dev.crossdeploy.localcloud.lambda;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.logs.LogEvent;
import dev.crossdeploy.localcloud.logs.LogStore;
import dev.crossdeploy.localcloud.logs.LogsModule;

import java.util.List;
import java.util.Map;

/**
 * Sends a worker's lines to CloudWatch Logs as Lambda does, acting as the function's execution
 * role: into the function's log group (created only when the role may logs:CreateLogGroup) and
 * the worker's own stream; dropped when the role may not write there.
 */
final class FunctionLogs {
    private final CloudState state;

    FunctionLogs(CloudState state) { this.state = state; }

    /** The stream name Lambda gives an execution environment: {@code 2026/11/29/[$LATEST]<32 hex>}. */
    static String streamName(java.time.Instant created, String version) {
        String date = java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(java.time.ZoneOffset.UTC).format(created);
        return date + "/[" + version + "]" + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    void append(FunctionSpec spec, Principal role, String stream, List<String> lines) {
        if (lines.isEmpty()) return;
        LogStore store;
        try {
            store = state.module(LogsModule.class).store();
        } catch (IllegalStateException noLogs) {
            return;
        }
        String groupArn = "arn:aws:logs:" + spec.region() + ":" + spec.accountId() + ":log-group:" + spec.logGroup();
        if (store.group(spec.accountId(), spec.region(), spec.logGroup()).isEmpty()) {
            if (!allowed(role, "logs:CreateLogGroup", groupArn) && !allowed(role, "logs:CreateLogGroup", groupArn + ":*")) return;
            store.createGroup(spec.accountId(), spec.region(), spec.logGroup(), state.clock().millis());
        }
        String streamArn = groupArn + ":log-stream:" + stream;
        if (!allowed(role, "logs:CreateLogStream", streamArn) || !allowed(role, "logs:PutLogEvents", streamArn)) return;
        long now = state.clock().millis();
        store.append(spec.accountId(), spec.region(), spec.logGroup(), stream,
                lines.stream().map(l -> new LogEvent(now, now, l)).toList());
    }

    private boolean allowed(Principal role, String action, String arn) {
        return state.iam().evaluator().evaluate(role, action, arn, role.accountId(), null, Map.of()).allowed();
    }
}
