package dev.crossdeploy.localcloud.cloudformation.resources.iam;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Access;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.localcloud.iam.Role;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::IAM::Role as a real role in the cloud's IAM: STS can assume it and the policy evaluator
 * uses its inline and managed policies. Ref is the role name; GetAtt Arn and RoleId.
 */
public final class RoleHandler extends RecordHandler {
    static final String TYPE = "AWS::IAM::Role";

    public RoleHandler() {
        super(TYPE, ApiService.IAM, Schema.of(
                required("AssumeRolePolicyDocument", Kind.json()),
                optional("Description", Kind.string().maxLength(1000)),
                optional("ManagedPolicyArns", Kind.listOf(Kind.string())),
                optional("MaxSessionDuration", Kind.integer()),
                optional("Path", Kind.string().pattern("^/(.+/)*$")).replaces(),
                optional("PermissionsBoundary", Kind.string()),
                optional("Policies", Kind.listOf(IamSchemas.INLINE_POLICY)),
                optional("RoleName", Kind.string().maxLength(64)).replaces(),
                optional("Tags", Common.TAGS)),
                "Arn", "RoleId");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        return nameOrGenerated(ctx, props, "RoleName", 64);
    }

    @Override
    protected String arn(ResourceContext ctx, String name, Map<String, Object> props) {
        return "arn:aws:iam::" + ctx.accountId() + ":role" + Values.string(props, "Path", "/") + name;
    }

    @Override protected String createAction() { return "iam:CreateRole"; }
    @Override protected String updateAction() { return null; }
    @Override protected String deleteAction() { return "iam:DeleteRole"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String name, Map<String, Object> props) throws ResourceFailure {
        IamStore iam = ctx.state().iam();
        try {
            iam.createRole(ctx.accountId(), name, Values.string(props, "Path"),
                    Values.json(props.get("AssumeRolePolicyDocument")), Values.string(props, "Description"),
                    Values.integer(props, "MaxSessionDuration"));
        } catch (AwsException e) {
            if ("EntityAlreadyExists".equals(e.code())) throw HandlerErrors.alreadyExists(TYPE, name);
            throw HandlerErrors.from(ApiService.IAM, e);
        }
        try {
            String roleArn = arn(ctx, name, props);
            for (Map.Entry<String, String> p : inlinePolicies(props).entrySet()) {
                Access.require(ctx, ApiService.IAM, "iam:PutRolePolicy", roleArn);
                HandlerErrors.run(ApiService.IAM, () -> iam.putRolePolicy(ctx.accountId(), name, p.getKey(), p.getValue()));
            }
            for (String policyArn : managedPolicies(props)) {
                Access.require(ctx, ApiService.IAM, "iam:AttachRolePolicy", roleArn);
                HandlerErrors.run(ApiService.IAM, () -> iam.attachRolePolicy(ctx.accountId(), name, policyArn));
            }
        } catch (ResourceFailure f) {
            // A half-made role would block the rollback's own retry of the same name.
            removeRole(iam, ctx.accountId(), name);
            throw f;
        }
        return Map.of();
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String name, Map<String, Object> props,
                                             Map<String, Object> previous) {
        Role role = ctx.state().iam().roleByName(ctx.accountId(), name).orElse(null);
        if (role == null) return previous;
        return Map.of("Arn", role.arn(), "RoleId", role.roleId());
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current,
                                           Map<String, Object> oldProps, Map<String, Object> newProps) throws ResourceFailure {
        IamStore iam = ctx.state().iam();
        String account = ctx.accountId();
        String name = current.physicalId();
        String roleArn = arn(ctx, name, newProps);
        if (Values.changed(oldProps, newProps, "AssumeRolePolicyDocument")) {
            Access.require(ctx, ApiService.IAM, "iam:UpdateAssumeRolePolicy", roleArn);
            HandlerErrors.run(ApiService.IAM, () -> iam.updateAssumeRolePolicy(account, name,
                    Values.json(newProps.get("AssumeRolePolicyDocument"))));
        }
        if (Values.changed(oldProps, newProps, "Description") || Values.changed(oldProps, newProps, "MaxSessionDuration")) {
            // IamStore offers no UpdateRole yet: the new values are kept in the record only.
            Access.require(ctx, ApiService.IAM, "iam:UpdateRole", roleArn);
        }
        Map<String, String> oldInline = inlinePolicies(oldProps);
        Map<String, String> newInline = inlinePolicies(newProps);
        for (String policyName : oldInline.keySet()) {
            if (!newInline.containsKey(policyName)) {
                Access.require(ctx, ApiService.IAM, "iam:DeleteRolePolicy", roleArn);
                HandlerErrors.run(ApiService.IAM, () -> iam.deleteRolePolicy(account, name, policyName));
            }
        }
        for (Map.Entry<String, String> p : newInline.entrySet()) {
            if (!p.getValue().equals(oldInline.get(p.getKey()))) {
                Access.require(ctx, ApiService.IAM, "iam:PutRolePolicy", roleArn);
                HandlerErrors.run(ApiService.IAM, () -> iam.putRolePolicy(account, name, p.getKey(), p.getValue()));
            }
        }
        Set<String> oldManaged = managedPolicies(oldProps);
        Set<String> newManaged = managedPolicies(newProps);
        for (String arn : oldManaged) {
            if (!newManaged.contains(arn)) {
                Access.require(ctx, ApiService.IAM, "iam:DetachRolePolicy", roleArn);
                HandlerErrors.run(ApiService.IAM, () -> iam.detachRolePolicy(account, name, arn));
            }
        }
        for (String arn : newManaged) {
            if (!oldManaged.contains(arn)) {
                Access.require(ctx, ApiService.IAM, "iam:AttachRolePolicy", roleArn);
                HandlerErrors.run(ApiService.IAM, () -> iam.attachRolePolicy(account, name, arn));
            }
        }
        return current.internal();
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) {
        removeRole(ctx.state().iam(), ctx.accountId(), current.physicalId());
    }

    /** Removes the role with everything attached to it, as CloudFormation's handler does before DeleteRole. */
    private static void removeRole(IamStore iam, String account, String name) {
        iam.roleByName(account, name).ifPresent(role -> {
            role.inlinePolicies().clear();
            role.attachedPolicyArns().clear();
            iam.deleteRole(account, name);
        });
    }

    static Map<String, String> inlinePolicies(Map<String, Object> props) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> p : Values.maps(props, "Policies")) {
            out.put(Values.string(p, "PolicyName"), Values.json(p.get("PolicyDocument")));
        }
        return out;
    }

    private static Set<String> managedPolicies(Map<String, Object> props) {
        return new LinkedHashSet<>(Values.strings(props, "ManagedPolicyArns"));
    }
}
