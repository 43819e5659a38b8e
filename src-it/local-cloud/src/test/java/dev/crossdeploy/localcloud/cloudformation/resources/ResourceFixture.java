package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.TestModules;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.config.CloudConfig;
import dev.crossdeploy.localcloud.iam.Role;
import dev.crossdeploy.localcloud.logs.LogsModule;

import java.nio.file.Path;
import java.util.Map;

/**
 * A cloud state for calling resource handlers directly: contexts for a stack in the staging
 * account, acting as the account's root or as an assumed role.
 */
final class ResourceFixture {
    static final String ACCOUNT = "222222222222";
    static final String OTHER_ACCOUNT = "333333333333";
    static final String REGION = "us-east-1";
    static final String STACK = "orders-api";

    final CloudState state;

    ResourceFixture(Path dir) {
        this.state = new CloudState(CloudConfig.defaults(), dir);
        TestModules.add(state, new LogsModule(state));
        TestModules.add(state, new dev.crossdeploy.localcloud.kms.KmsModule(state));
    }

    ResourceContext root(String logicalId) {
        return context(logicalId, Principal.root(ACCOUNT, "AKIASTAGING222222222"));
    }

    ResourceContext context(String logicalId, Principal actingAs) {
        return new ResourceContext(state, ACCOUNT, REGION, STACK,
                "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT + ":stack/" + STACK + "/0f6f3b40-cb5a-11ef-9e4b-0affd1b5c7e1",
                logicalId, actingAs);
    }

    /** A session of a fresh role with exactly these inline policies (none = no permissions at all). */
    Principal assumedRole(String roleName, String... policies) {
        Role role = state.iam().createRole(ACCOUNT, roleName, "/", trust("cloudformation.amazonaws.com"), null, null);
        for (int i = 0; i < policies.length; i++) state.iam().putRolePolicy(ACCOUNT, roleName, "p" + i, policies[i]);
        return Principal.assumedRole(role.arn(), role.roleId(), "AWSCloudFormation", null);
    }

    static String trust(String service) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
                + service + "\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    static String allow(String action, String resource) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}";
    }

    static String deny(String action, String resource) {
        return allow(action, resource).replace("\"Allow\"", "\"Deny\"");
    }

    /** A template-style policy document as the engine hands it over: a resolved map. */
    static Map<String, Object> allowDocument(String action, String resource) {
        return Map.of("Version", "2012-10-17",
                "Statement", java.util.List.of(Map.of("Effect", "Allow", "Action", action, "Resource", resource)));
    }

    static Map<String, Object> trustDocument(String service) {
        return Map.of("Version", "2012-10-17", "Statement", java.util.List.of(
                Map.of("Effect", "Allow", "Principal", Map.of("Service", service), "Action", "sts:AssumeRole")));
    }
}
