package dev.crossdeploy.localcloud.cloudformation.resources.logs;

import dev.crossdeploy.localcloud.cloudformation.resources.ProvisionResult;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.logs.LogStore;
import dev.crossdeploy.localcloud.logs.LogsModule;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;

/**
 * AWS::Logs::LogGroup: a group in the cloud's {@link LogStore} (so the Logs API lists it and
 * functions write to it) with its retention, plus the stack's record. Ref is the log group name;
 * GetAtt Arn ends in ":*" as CloudWatch Logs reports it. A group that already exists in the store
 * (created through the API, or by a function's first log line) fails the create, as in AWS.
 */
public final class LogGroupHandler extends RecordHandler {
    static final String TYPE = "AWS::Logs::LogGroup";

    public LogGroupHandler() {
        super(TYPE, ApiService.LOGS, Schema.of(
                optional("BearerTokenAuthenticationEnabled", Kind.bool()),
                optional("DataProtectionPolicy", Kind.json()),
                optional("DeletionProtectionEnabled", Kind.bool()),
                optional("FieldIndexPolicies", Kind.listOf(Kind.any())),
                optional("KmsKeyId", Kind.string().maxLength(256)),
                optional("LogGroupClass", Kind.enumOf("STANDARD", "INFREQUENT_ACCESS", "DELIVERY")).replaces(),
                optional("LogGroupName", Kind.string().minLength(1).maxLength(512).pattern("^[.\\-_/#A-Za-z0-9]{1,512}$")).replaces(),
                optional("ResourcePolicyDocument", Kind.json()),
                optional("RetentionInDays", Kind.integer().allowed(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
                        545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)),
                optional("Tags", Common.TAGS)),
                "Arn");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        return nameOrGenerated(ctx, props, "LogGroupName", 512);
    }

    /** What CloudWatch Logs authorizes group calls on, as its API does (see the Logs API's LogsCall). */
    @Override
    protected String arn(ResourceContext ctx, String name, Map<String, Object> props) {
        return "arn:aws:logs:" + ctx.region() + ":" + ctx.accountId() + ":log-group:" + name + ":log-stream:";
    }

    @Override protected String createAction() { return "logs:CreateLogGroup"; }
    @Override protected String updateAction() { return "logs:PutRetentionPolicy"; }
    @Override protected String deleteAction() { return "logs:DeleteLogGroup"; }

    @Override
    public ProvisionResult create(ResourceContext ctx, Map<String, Object> properties)
            throws ResourceFailure {
        String name = properties == null ? null : Values.string(properties, "LogGroupName");
        // The log group handler names its identifier by property path, unlike most types.
        if (name != null && (existing(ctx, name).isPresent()
                || store(ctx).group(ctx.accountId(), ctx.region(), name).isPresent())) {
            throw alreadyExists(name);
        }
        return super.create(ctx, properties);
    }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String name, Map<String, Object> props) throws ResourceFailure {
        LogStore store = store(ctx);
        if (!store.createGroup(ctx.accountId(), ctx.region(), name, ctx.state().clock().millis())) {
            throw alreadyExists(name);
        }
        store.group(ctx.accountId(), ctx.region(), name).orElseThrow().retentionInDays(Values.integer(props, "RetentionInDays"));
        return Map.of();
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) {
        // A group deleted behind the stack's back stays deleted, as CloudFormation only notices on drift.
        store(ctx).group(ctx.accountId(), ctx.region(), current.physicalId())
                .ifPresent(g -> g.retentionInDays(Values.integer(newProps, "RetentionInDays")));
        return current.internal();
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) {
        store(ctx).deleteGroup(ctx.accountId(), ctx.region(), current.physicalId());
    }

    private static ResourceFailure alreadyExists(String name) {
        return HandlerErrors.handler("AlreadyExists", "Resource of type '" + TYPE + "' with identifier '{\"/properties/LogGroupName\":\""
                + name + "\"}' already exists.");
    }

    private static LogStore store(ResourceContext ctx) {
        return ctx.state().module(LogsModule.class).store();
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String name, Map<String, Object> props, Map<String, Object> previous) {
        return Map.of("Arn", "arn:aws:logs:" + ctx.region() + ":" + ctx.accountId() + ":log-group:" + name + ":*");
    }
}
