package dev.crossdeploy.localcloud.cloudformation.resources.kms;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Access;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Names;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.iam.PolicyDocument;
import dev.crossdeploy.localcloud.kms.KmsKey;
import dev.crossdeploy.localcloud.kms.KmsModule;
import dev.crossdeploy.localcloud.kms.KmsStore;

import java.util.List;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;

/**
 * AWS::KMS::Key as a record (no cryptography), known to the KMS module as any key made through its API. Ref is the key id (a UUID); GetAtt Arn and KeyId.
 * A key policy that would lock the caller out of the key is refused as KMS refuses it.
 */
public final class KeyHandler extends RecordHandler {
    static final String TYPE = "AWS::KMS::Key";

    public KeyHandler() {
        super(TYPE, ApiService.KMS, Schema.of(
                optional("BypassPolicyLockoutSafetyCheck", Kind.bool()),
                optional("Description", Kind.string().maxLength(8192)),
                optional("EnableKeyRotation", Kind.bool()),
                optional("Enabled", Kind.bool()),
                optional("KeyPolicy", Kind.json()),
                optional("KeySpec", Kind.enumOf("SYMMETRIC_DEFAULT", "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256",
                        "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512",
                        "SM2", "ML_DSA_44", "ML_DSA_65", "ML_DSA_87")).replaces(),
                optional("KeyUsage", Kind.enumOf("ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT")).replaces(),
                optional("MultiRegion", Kind.bool()).replaces(),
                optional("Origin", Kind.enumOf("AWS_KMS", "EXTERNAL")).replaces(),
                optional("PendingWindowInDays", Kind.integer().min(7).max(30)),
                optional("RotationPeriodInDays", Kind.integer().min(90).max(2560)),
                optional("Tags", Common.TAGS)),
                "Arn", "KeyId");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        // Multi-Region keys carry an "mrk-" prefix on their id.
        return Values.bool(props, "MultiRegion", false) ? "mrk-" + Names.hex(32) : Names.uuid();
    }

    @Override
    protected String arn(ResourceContext ctx, String keyId, Map<String, Object> props) { return keyArn(ctx, keyId); }

    static String keyArn(ResourceContext ctx, String keyId) {
        return "arn:aws:kms:" + ctx.region() + ":" + ctx.accountId() + ":key/" + keyId;
    }

    @Override protected String createAction() { return "kms:CreateKey"; }
    @Override protected String updateAction() { return null; }
    @Override protected String deleteAction() { return "kms:ScheduleKeyDeletion"; }

    /** CreateKey is authorized on "*": there is no key to name yet. */
    @Override
    protected String createArn(ResourceContext ctx, String keyId, Map<String, Object> props) { return "*"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String keyId, Map<String, Object> props) throws ResourceFailure {
        checkPolicy(ctx, props);
        kms(ctx).putKey(new KmsKey(ctx.accountId(), ctx.region(), keyId, Values.string(props, "Description") == null ? ""
                : Values.string(props, "Description"), Values.string(props, "KeyUsage") == null ? "ENCRYPT_DECRYPT"
                : Values.string(props, "KeyUsage"), Values.string(props, "KeySpec") == null ? "SYMMETRIC_DEFAULT"
                : Values.string(props, "KeySpec"), state(props), ctx.state().clock().millis() / 1000));
        return Map.of();
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) {
        // KMS never deletes a key at once: it waits out the pending window.
        kms(ctx).state(ctx.accountId(), ctx.region(), current.physicalId(), "PendingDeletion");
    }

    static KmsStore kms(ResourceContext ctx) { return ctx.state().module(KmsModule.class).store(); }

    private static String state(Map<String, Object> props) {
        return Values.bool(props, "Enabled", true) ? "Enabled" : "Disabled";
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        String arn = keyArn(ctx, current.physicalId());
        if (Values.changed(oldProps, newProps, "KeyPolicy")) {
            Access.require(ctx, ApiService.KMS, "kms:PutKeyPolicy", arn);
            checkPolicy(ctx, newProps);
        }
        if (Values.changed(oldProps, newProps, "Description")) Access.require(ctx, ApiService.KMS, "kms:UpdateKeyDescription", arn);
        if (Values.changed(oldProps, newProps, "EnableKeyRotation") || Values.changed(oldProps, newProps, "RotationPeriodInDays")) {
            Access.require(ctx, ApiService.KMS,
                    Values.bool(newProps, "EnableKeyRotation", false) ? "kms:EnableKeyRotation" : "kms:DisableKeyRotation", arn);
        }
        if (Values.changed(oldProps, newProps, "Enabled")) {
            Access.require(ctx, ApiService.KMS, Values.bool(newProps, "Enabled", true) ? "kms:EnableKey" : "kms:DisableKey", arn);
            kms(ctx).state(ctx.accountId(), ctx.region(), current.physicalId(), state(newProps));
        }
        return current.internal();
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String keyId, Map<String, Object> props, Map<String, Object> previous) {
        return Map.of("Arn", keyArn(ctx, keyId), "KeyId", keyId);
    }

    /** KMS refuses a key policy that would not let the caller manage the key afterwards. */
    private static void checkPolicy(ResourceContext ctx, Map<String, Object> props) throws ResourceFailure {
        Object policy = props.get("KeyPolicy");
        if (policy == null || Values.bool(props, "BypassPolicyLockoutSafetyCheck", false)) return;
        PolicyDocument doc = HandlerErrors.call(ApiService.KMS, () -> PolicyDocument.parse(Values.json(policy)));
        Principal caller = ctx.actingAs();
        boolean allowsCaller = doc.statements().stream().anyMatch(s -> s.allow()
                && s.matchesAction("kms:PutKeyPolicy") && names(s, caller, ctx.accountId()));
        if (!allowsCaller) {
            throw HandlerErrors.service(ApiService.KMS, 400, "InvalidRequest",
                    "The new key policy will not allow you to update the key policy in the future.");
        }
    }

    private static boolean names(PolicyDocument.Statement s, Principal caller, String account) {
        if (s.anyPrincipal()) return true;
        List<String> aws = s.principals().getOrDefault("AWS", List.of());
        return aws.contains(account) || aws.contains("arn:aws:iam::" + account + ":root")
                || aws.contains(caller.arn()) || (caller.roleArn() != null && aws.contains(caller.roleArn()));
    }
}
