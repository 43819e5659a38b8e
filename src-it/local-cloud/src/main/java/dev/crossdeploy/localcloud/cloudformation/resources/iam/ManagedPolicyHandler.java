package dev.crossdeploy.localcloud.cloudformation.resources.iam;

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
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.localcloud.iam.ManagedPolicy;
import dev.crossdeploy.localcloud.iam.Role;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::IAM::ManagedPolicy: a customer managed policy in the cloud's IAM, attached to the named
 * roles. Ref is the policy ARN.
 */
public final class ManagedPolicyHandler extends RecordHandler {
    static final String TYPE = "AWS::IAM::ManagedPolicy";

    public ManagedPolicyHandler() {
        super(TYPE, ApiService.IAM, Schema.of(
                required("PolicyDocument", Kind.json()),
                optional("Description", Kind.string().maxLength(1000)).replaces(),
                optional("Groups", Kind.listOf(Kind.string())),
                optional("ManagedPolicyName", Kind.string().maxLength(128)).replaces(),
                optional("Path", Kind.string().pattern("^/(.+/)*$")).replaces(),
                optional("Roles", Kind.listOf(Kind.string())),
                optional("Users", Kind.listOf(Kind.string()))),
                "AttachmentCount", "CreateDate", "DefaultVersionId", "IsAttachable",
                "PermissionsBoundaryUsageCount", "PolicyArn", "PolicyId", "UpdateDate");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        String name = Values.string(props, "ManagedPolicyName");
        if (name == null) name = Names.generate(ctx, 128);
        return "arn:aws:iam::" + ctx.accountId() + ":policy" + Values.string(props, "Path", "/") + name;
    }

    @Override
    protected String arn(ResourceContext ctx, String physicalId, Map<String, Object> props) { return physicalId; }

    @Override protected String createAction() { return "iam:CreatePolicy"; }
    @Override protected String updateAction() { return null; }
    @Override protected String deleteAction() { return "iam:DeletePolicy"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String arn, Map<String, Object> props) throws ResourceFailure {
        IamStore iam = ctx.state().iam();
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        try {
            iam.createPolicy(ctx.accountId(), name, Values.string(props, "Path"), Values.json(props.get("PolicyDocument")));
        } catch (AwsException e) {
            if ("EntityAlreadyExists".equals(e.code())) throw HandlerErrors.alreadyExists(TYPE, arn);
            throw HandlerErrors.from(ApiService.IAM, e);
        }
        try {
            attach(ctx, arn, roles(props));
        } catch (ResourceFailure f) {
            iam.deletePolicy(arn);
            throw f;
        }
        String now = ctx.state().clock().instant().toString();
        return Map.of("version", 1, "created", now, "updated", now);
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        IamStore iam = ctx.state().iam();
        String arn = current.physicalId();
        Map<String, Object> internal = new HashMap<>(current.internal());
        if (Values.changed(oldProps, newProps, "PolicyDocument")) {
            Access.require(ctx, ApiService.IAM, "iam:CreatePolicyVersion", arn);
            // The store has no policy versions: re-create the policy under the same ARN and
            // re-attach it wherever it was attached (also outside this stack).
            List<Role> attachedTo = iam.roles(ctx.accountId()).stream()
                    .filter(r -> r.attachedPolicyArns().contains(arn)).toList();
            ManagedPolicy old = iam.policy(arn).orElseThrow(() -> HandlerErrors.notFound(TYPE, arn));
            iam.deletePolicy(arn);
            HandlerErrors.call(ApiService.IAM, () -> iam.createPolicy(ctx.accountId(), old.name(), old.path(),
                    Values.json(newProps.get("PolicyDocument"))));
            attachedTo.forEach(r -> r.attachedPolicyArns().add(arn));
            internal.put("version", ((Number) internal.getOrDefault("version", 1)).intValue() + 1);
            internal.put("updated", ctx.state().clock().instant().toString());
        }
        List<String> newRoles = roles(newProps);
        for (String role : roles(oldProps)) {
            if (!newRoles.contains(role)) {
                Access.require(ctx, ApiService.IAM, "iam:DetachRolePolicy", roleArn(ctx, role));
                ctx.state().iam().roleByName(ctx.accountId(), role).ifPresent(r -> r.attachedPolicyArns().remove(arn));
            }
        }
        List<String> oldRoles = roles(oldProps);
        attach(ctx, arn, newRoles.stream().filter(r -> !oldRoles.contains(r)).toList());
        return internal;
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) throws ResourceFailure {
        String arn = current.physicalId();
        for (String role : roles(current.properties())) {
            Access.require(ctx, ApiService.IAM, "iam:DetachRolePolicy", roleArn(ctx, role));
        }
        if (ctx.state().iam().policy(arn).isPresent()) ctx.state().iam().deletePolicy(arn);
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String arn, Map<String, Object> props, Map<String, Object> previous) {
        Map<String, Object> internal = internal(ctx, arn);
        ManagedPolicy p = ctx.state().iam().policy(arn).orElse(null);
        long attachments = ctx.state().iam().roles(ctx.accountId()).stream()
                .filter(r -> r.attachedPolicyArns().contains(arn)).count();
        Map<String, Object> a = new HashMap<>();
        a.put("PolicyArn", arn);
        a.put("PolicyId", previous.getOrDefault("PolicyId", p == null ? "" : p.policyId()));
        a.put("AttachmentCount", (int) attachments);
        a.put("CreateDate", internal.getOrDefault("created", ""));
        a.put("UpdateDate", internal.getOrDefault("updated", ""));
        a.put("DefaultVersionId", "v" + internal.getOrDefault("version", 1));
        a.put("IsAttachable", true);
        a.put("PermissionsBoundaryUsageCount", 0);
        return a;
    }

    private void attach(ResourceContext ctx, String arn, List<String> roles) throws ResourceFailure {
        for (String role : roles) {
            Access.require(ctx, ApiService.IAM, "iam:AttachRolePolicy", roleArn(ctx, role));
            HandlerErrors.run(ApiService.IAM, () -> ctx.state().iam().attachRolePolicy(ctx.accountId(), role, arn));
        }
    }

    private static List<String> roles(Map<String, Object> props) {
        return Values.strings(props, "Roles").stream().map(Common::lastSegment).toList();
    }

    private static String roleArn(ResourceContext ctx, String roleName) {
        return ctx.state().iam().roleByName(ctx.accountId(), roleName).map(Role::arn)
                .orElse("arn:aws:iam::" + ctx.accountId() + ":role/" + roleName);
    }
}
