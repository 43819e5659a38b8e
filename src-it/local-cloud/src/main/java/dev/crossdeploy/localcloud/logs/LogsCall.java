package dev.crossdeploy.localcloud.logs;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.DenialMessage;

/**
 * One Logs API call: who asks, in which region, with which input; resolves the caller's log
 * groups and checks IAM as CloudWatch Logs does, before anything is looked up.
 */
final class LogsCall {
    private final CloudState state;
    private final LogStore store;
    private final Principal caller;
    private final String region;
    private final String operation;
    final LogsInput input;

    LogsCall(CloudState state, LogStore store, Principal caller, String region, String operation, LogsInput input) {
        this.state = state;
        this.store = store;
        this.caller = caller;
        this.region = region;
        this.operation = operation;
        this.input = input;
    }

    String account() { return caller.accountId(); }
    String region() { return region; }
    LogStore store() { return store; }
    long now() { return state.clock().millis(); }

    /**
     * The ARN CloudWatch Logs authorizes a call on: {@code log-group:NAME:log-stream:STREAM}, with
     * an empty stream for group-level calls and an empty name for account-level ones (so a policy
     * needs {@code log-group:NAME:*} to cover them, as in AWS).
     */
    String resource(String group, String stream) {
        return "arn:aws:logs:" + region + ":" + account() + ":log-group:" + (group == null ? "" : group)
                + ":log-stream:" + (stream == null ? "" : stream);
    }

    /** Requires {@code logs:<Operation>} on the group (and stream) named, refusing with AWS's text. */
    void authorize(String group, String stream) {
        String action = "logs:" + operation;
        String arn = resource(group, stream);
        Decision d = state.iam().evaluator().evaluate(caller, action, arn, account(), null, java.util.Map.of());
        if (d.allowed()) return;
        throw LogsErrors.accessDenied(DenialMessage.of(caller, action, arn, d));
    }

    LogStore.LogGroup group(String name) {
        return store.group(account(), region, name).orElseThrow(LogsErrors::groupNotFound);
    }

    LogStore.LogStream stream(LogStore.LogGroup group, String name) {
        return group.stream(name).orElseThrow(LogsErrors::streamNotFound);
    }

    /**
     * The group named by {@code logGroupName} or {@code logGroupIdentifier} (a name or an ARN,
     * with or without ":*"), exactly one of them. An ARN of another account or region finds nothing:
     * cross-account observability is not modelled.
     */
    String groupNameOrIdentifier() {
        String name = input.groupName(false);
        String identifier = input.string("logGroupIdentifier", false, 1, 2048, LogsInput.GROUP_IDENTIFIER);
        input.check();
        if (name != null && identifier != null) {
            throw LogsErrors.invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (name == null && identifier == null) {
            throw LogsErrors.invalid("Should provide either a LogGroup name or a LogGroup ARN.");
        }
        if (name != null) return name;
        if (!identifier.startsWith("arn:")) return identifier;
        String prefix = "arn:aws:logs:" + region + ":" + account() + ":log-group:";
        if (!identifier.startsWith(prefix)) throw LogsErrors.groupNotFound();
        String rest = identifier.substring(prefix.length());
        return rest.endsWith(":*") ? rest.substring(0, rest.length() - 2) : rest;
    }
}
