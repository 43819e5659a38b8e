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
import dev.crossdeploy.localcloud.iam.IamStore;

import java.util.List;
import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::IAM::Policy: an inline policy put on each named role (users and groups are recorded only,
 * the cloud has none). Ref and GetAtt Id are the generated policy id.
 */
public final class PolicyHandler extends RecordHandler {
    static final String TYPE = "AWS::IAM::Policy";

    public PolicyHandler() {
        super(TYPE, ApiService.IAM, Schema.of(
                required("PolicyDocument", Kind.json()),
                required("PolicyName", Kind.string().minLength(1).maxLength(128)),
                optional("Groups", Kind.listOf(Kind.string())),
                optional("Roles", Kind.listOf(Kind.string())),
                optional("Users", Kind.listOf(Kind.string()))),
                "Id");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        // CloudFormation's policy ids are short: five characters of stack and logical id each.
        String stack = ctx.stackName().substring(0, Math.min(5, ctx.stackName().length()));
        String logical = ctx.logicalId().substring(0, Math.min(5, ctx.logicalId().length()));
        return stack + "-" + logical + "-" + Names.randomUpper(12);
    }

    @Override
    protected String arn(ResourceContext ctx, String id, Map<String, Object> props) {
        List<String> roles = roles(props);
        return roles.isEmpty() ? "*" : roleArn(ctx, roles.get(0));
    }

    @Override protected String createAction() { return "iam:PutRolePolicy"; }
    @Override protected String updateAction() { return null; }
    @Override protected String deleteAction() { return "iam:DeleteRolePolicy"; }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String id, Map<String, Object> props, Map<String, Object> previous) {
        return Map.of("Id", id);
    }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String id, Map<String, Object> props) throws ResourceFailure {
        if (roles(props).isEmpty() && Values.strings(props, "Users").isEmpty() && Values.strings(props, "Groups").isEmpty()) {
            throw HandlerErrors.handler("InvalidRequest", "At least one of [Groups,Roles,Users] must be non-empty.");
        }
        put(ctx, props, roles(props));
        return Map.of();
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        String oldName = Values.string(oldProps, "PolicyName");
        String newName = Values.string(newProps, "PolicyName");
        List<String> newRoles = roles(newProps);
        for (String role : roles(oldProps)) {
            if (!newRoles.contains(role) || !oldName.equals(newName)) remove(ctx, role, oldName);
        }
        put(ctx, newProps, newRoles);
        return current.internal();
    }

    @Override
    protected void onDelete(ResourceContext ctx, ResourceRecords.Entry current) throws ResourceFailure {
        String name = Values.string(current.properties(), "PolicyName");
        for (String role : roles(current.properties())) remove(ctx, role, name);
    }

    private void put(ResourceContext ctx, Map<String, Object> props, List<String> roles) throws ResourceFailure {
        IamStore iam = ctx.state().iam();
        String name = Values.string(props, "PolicyName");
        String doc = Values.json(props.get("PolicyDocument"));
        for (String role : roles) {
            Access.require(ctx, ApiService.IAM, "iam:PutRolePolicy", roleArn(ctx, role));
            HandlerErrors.run(ApiService.IAM, () -> iam.putRolePolicy(ctx.accountId(), role, name, doc));
        }
    }

    private static void remove(ResourceContext ctx, String role, String policyName) throws ResourceFailure {
        Access.require(ctx, ApiService.IAM, "iam:DeleteRolePolicy", roleArn(ctx, role));
        ctx.state().iam().roleByName(ctx.accountId(), role)
                .ifPresent(r -> r.inlinePolicies().remove(policyName));
    }

    private static List<String> roles(Map<String, Object> props) {
        return Values.strings(props, "Roles").stream().map(Common::lastSegment).toList();
    }

    private static String roleArn(ResourceContext ctx, String roleName) {
        return ctx.state().iam().roleByName(ctx.accountId(), roleName).map(r -> r.arn())
                .orElse("arn:aws:iam::" + ctx.accountId() + ":role/" + roleName);
    }

    @Override
    protected boolean uniquePhysicalIds() { return false; }
}
