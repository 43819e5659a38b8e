package dev.crossdeploy.localcloud.cloudformation.drift;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;
import dev.crossdeploy.localcloud.iam.PolicyDocument;
import dev.crossdeploy.localcloud.iam.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AWS::IAM::Role: its trust policy, inline policies and attached managed policies as IAM holds
 * them after UpdateAssumeRolePolicy, PutRolePolicy, DeleteRolePolicy, AttachRolePolicy or
 * DetachRolePolicy. Policies and managed policies the template names come first, in its order,
 * so only real changes differ; those added by hand follow.
 */
final class RoleReader implements LiveReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String type() { return "AWS::IAM::Role"; }

    @Override
    public Optional<Map<String, Object>> actual(CloudState state, String accountId, String region, String physicalId,
                                                Map<String, Object> expected) {
        return state.iam().roleByName(accountId, physicalId).map(role -> read(role, expected));
    }

    private static Map<String, Object> read(Role role, Map<String, Object> expected) {
        Map<String, Object> actual = new LinkedHashMap<>(expected);
        actual.put("AssumeRolePolicyDocument", document(role.trustPolicy()));
        List<Map<String, Object>> policies = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> p : Values.maps(expected, "Policies")) names.add(Values.string(p, "PolicyName"));
        names.addAll(role.inlinePolicies().keySet());
        for (String name : names) {
            PolicyDocument live = role.inlinePolicies().get(name);
            if (live == null) continue;
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("PolicyName", name);
            policy.put("PolicyDocument", document(live));
            policies.add(policy);
        }
        if (policies.isEmpty()) actual.remove("Policies");
        else actual.put("Policies", policies);
        Set<String> arns = new LinkedHashSet<>();
        for (String arn : Values.strings(expected, "ManagedPolicyArns")) {
            if (role.attachedPolicyArns().contains(arn)) arns.add(arn);
        }
        arns.addAll(role.attachedPolicyArns());
        if (arns.isEmpty()) actual.remove("ManagedPolicyArns");
        else actual.put("ManagedPolicyArns", new ArrayList<>(arns));
        return actual;
    }

    private static Map<String, Object> document(PolicyDocument document) {
        try {
            return JSON.readValue(document.json(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
