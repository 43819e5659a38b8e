package dev.crossdeploy.localcloud.cloudformation.resources.kms;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.kms.KmsAlias;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/** AWS::KMS::Alias: names a key of the same account and region. Ref is the alias name. */
public final class KeyAliasHandler extends RecordHandler {

    public KeyAliasHandler() {
        super("AWS::KMS::Alias", ApiService.KMS, Schema.of(
                required("AliasName", Kind.string().minLength(1).maxLength(256).pattern("^(alias/)[a-zA-Z0-9:/_-]+$")).replaces(),
                required("TargetKeyId", Kind.string().minLength(1).maxLength(256))));
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) { return Values.string(props, "AliasName"); }

    @Override
    protected String arn(ResourceContext ctx, String alias, Map<String, Object> props) {
        return "arn:aws:kms:" + ctx.region() + ":" + ctx.accountId() + ":" + alias;
    }

    @Override protected String createAction() { return "kms:CreateAlias"; }
    @Override protected String updateAction() { return "kms:UpdateAlias"; }
    @Override protected String deleteAction() { return "kms:DeleteAlias"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String alias, Map<String, Object> props) throws ResourceFailure {
        if (alias.startsWith("alias/aws/")) {
            throw HandlerErrors.service(ApiService.KMS, 400, "InvalidRequest", "Alias must not begin with 'alias/aws/'");
        }
        KeyHandler.kms(ctx).putAlias(new KmsAlias(ctx.accountId(), ctx.region(), alias,
                requireKey(ctx, Values.string(props, "TargetKeyId")), ctx.state().clock().millis() / 1000));
        return Map.of();
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) {
        KeyHandler.kms(ctx).removeAlias(ctx.accountId(), ctx.region(), current.physicalId());
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        KeyHandler.kms(ctx).putAlias(new KmsAlias(ctx.accountId(), ctx.region(), current.physicalId(),
                requireKey(ctx, Values.string(newProps, "TargetKeyId")), ctx.state().clock().millis() / 1000));
        return current.internal();
    }

    /** The target may be a key id, key ARN, or another alias of the account; returns the key id. */
    private static String requireKey(ResourceContext ctx, String target) throws ResourceFailure {
        try {
            return KeyHandler.kms(ctx).resolve(ctx.accountId(), ctx.region(), target).keyId();
        } catch (AwsException e) {
            throw HandlerErrors.service(ApiService.KMS, 400, "NotFound", e.getMessage());
        }
    }
}
