package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.cloudformation.resources.ProvisionResult;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler;

import java.util.List;
import java.util.Map;

/** Stands in for AWS::IAM::Role (capability checks) until the real type is on the class path. */
public final class TestRoleHandler implements ResourceHandler {
    @Override public String type() { return "AWS::IAM::Role"; }
    @Override public List<String> validate(Map<String, Object> properties) { return List.of(); }
    @Override public RequiresRecreation recreation(String property) {
        return property.equals("RoleName") ? RequiresRecreation.ALWAYS : RequiresRecreation.NEVER;
    }
    @Override public List<String> attributeNames() { return List.of("Arn", "RoleId"); }

    @Override
    public ProvisionResult create(ResourceContext ctx, Map<String, Object> properties) {
        String name = String.valueOf(properties.getOrDefault("RoleName", ctx.stackName() + "-" + ctx.logicalId()));
        return new ProvisionResult(name, Map.of("Arn", "arn:aws:iam::" + ctx.accountId() + ":role/" + name, "RoleId", "AROATEST"));
    }

    @Override
    public ProvisionResult update(ResourceContext ctx, ProvisionResult current, Map<String, Object> o, Map<String, Object> n) {
        return current;
    }

    @Override public void delete(ResourceContext ctx, ProvisionResult current) { }
}
