package dev.crossdeploy.localcloud.iam;

import dev.crossdeploy.localcloud.auth.Arns;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM's state for every account: roles and managed policies. Used by the IAM API, by STS to
 * decide AssumeRole, by S3 and CloudFormation to decide access, and by CloudFormation to
 * create roles and policies as stack resources.
 */
public final class IamStore {
    private static final String ROLE_NAME = "[\\w+=,.@-]{1,64}";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    /** role ARN → role. */
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    /** policy ARN → policy. */
    private final Map<String, ManagedPolicy> policies = new ConcurrentHashMap<>();
    private final PolicyEvaluator evaluator = new PolicyEvaluator(this);

    public IamStore(Clock clock) {
        this.clock = clock;
        seedAwsManagedPolicies();
    }

    public void reset() {
        roles.clear();
        policies.clear();
        seedAwsManagedPolicies();
    }

    public PolicyEvaluator evaluator() { return evaluator; }

    // ---- roles ----

    public Role createRole(String accountId, String name, String path, String trustPolicyJson,
                           String description, Integer maxSessionDuration) {
        if (name == null || !name.matches(ROLE_NAME)) {
            throw new AwsException(400, "ValidationError",
                    "1 validation error detected: Value '" + name
                            + "' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        String p = path == null || path.isEmpty() ? "/" : path;
        if (!p.startsWith("/") || !p.endsWith("/")) {
            throw new AwsException(400, "ValidationError", "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");
        }
        if (trustPolicyJson == null) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");
        }
        PolicyDocument trust = PolicyDocument.parse(trustPolicyJson);
        int max = maxSessionDuration == null ? 3600 : maxSessionDuration;
        if (max < 3600 || max > 43200) {
            throw new AwsException(400, "ValidationError", "The requested MaxSessionDuration is invalid. It must be between 3600 and 43200 seconds.");
        }
        if (roleByName(accountId, name).isPresent()) {
            throw new AwsException(409, "EntityAlreadyExists", "Role with name " + name + " already exists.");
        }
        Role role = new Role(accountId, name, p, "AROA" + randomId(17), clock.instant(), trust, description, max);
        roles.put(role.arn(), role);
        return role;
    }

    public Optional<Role> role(String roleArn) {
        Role r = roles.get(roleArn);
        if (r != null) return Optional.of(r);
        // A role ARN may omit or differ in path; IAM identifies a role by account and name.
        if (!Arns.isRoleArn(roleArn)) return Optional.empty();
        return roleByName(Arns.account(roleArn), Arns.roleName(roleArn));
    }

    public Optional<Role> roleByName(String accountId, String name) {
        return roles.values().stream()
                .filter(r -> r.accountId().equals(accountId) && r.name().equalsIgnoreCase(name))
                .findFirst();
    }

    public Role requireRole(String accountId, String name) {
        return roleByName(accountId, name).orElseThrow(() -> new AwsException(404, "NoSuchEntity",
                "The role with name " + name + " cannot be found."));
    }

    public List<Role> roles(String accountId) {
        return roles.values().stream().filter(r -> r.accountId().equals(accountId))
                .sorted(java.util.Comparator.comparing(Role::name)).toList();
    }

    public void deleteRole(String accountId, String name) {
        Role r = requireRole(accountId, name);
        if (!r.inlinePolicies().isEmpty() || !r.attachedPolicyArns().isEmpty()) {
            throw new AwsException(409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
        }
        roles.remove(r.arn());
    }

    public void updateAssumeRolePolicy(String accountId, String name, String json) {
        requireRole(accountId, name).trustPolicy(PolicyDocument.parse(json));
    }

    public void putRolePolicy(String accountId, String roleName, String policyName, String json) {
        requireRole(accountId, roleName).inlinePolicies().put(policyName, PolicyDocument.parse(json));
    }

    public void deleteRolePolicy(String accountId, String roleName, String policyName) {
        if (requireRole(accountId, roleName).inlinePolicies().remove(policyName) == null) {
            throw new AwsException(404, "NoSuchEntity",
                    "The role policy with name " + policyName + " cannot be found.");
        }
    }

    // ---- managed policies ----

    public ManagedPolicy createPolicy(String accountId, String name, String path, String json) {
        String p = path == null || path.isEmpty() ? "/" : path;
        String arn = "arn:aws:iam::" + accountId + ":policy" + p + name;
        if (policies.containsKey(arn)) {
            throw new AwsException(409, "EntityAlreadyExists",
                    "A policy called " + name + " already exists. Duplicate names are not allowed.");
        }
        ManagedPolicy mp = new ManagedPolicy(arn, name, p, "ANPA" + randomId(17), PolicyDocument.parse(json));
        policies.put(arn, mp);
        return mp;
    }

    public Optional<ManagedPolicy> policy(String arn) { return Optional.ofNullable(policies.get(arn)); }

    public void deletePolicy(String arn) {
        if (policies.remove(arn) == null) {
            throw new AwsException(404, "NoSuchEntity", "Policy " + arn + " was not found.");
        }
        roles.values().forEach(r -> r.attachedPolicyArns().remove(arn));
    }

    public void attachRolePolicy(String accountId, String roleName, String policyArn) {
        Role r = requireRole(accountId, roleName);
        if (!policies.containsKey(policyArn)) {
            throw new AwsException(404, "NoSuchEntity",
                    "Policy " + policyArn + " does not exist or is not attachable.");
        }
        r.attachedPolicyArns().add(policyArn);
    }

    public void detachRolePolicy(String accountId, String roleName, String policyArn) {
        if (!requireRole(accountId, roleName).attachedPolicyArns().remove(policyArn)) {
            throw new AwsException(404, "NoSuchEntity", "Policy " + policyArn + " was not found.");
        }
    }

    /** Every identity policy that applies to a role's sessions. */
    public List<PolicyDocument> identityPolicies(Role role) {
        List<PolicyDocument> out = new java.util.ArrayList<>(role.inlinePolicies().values());
        role.attachedPolicyArns().forEach(a -> policy(a).ifPresent(p -> out.add(p.document())));
        return out;
    }

    // ---- decisions ----

    /** A session of {@code roleArn} as an AWS service (CloudFormation) uses it, without credentials. */
    public Principal serviceSession(String roleArn, String sessionName) {
        Role r = role(roleArn).orElseThrow(() -> new AwsException(400, "ValidationError",
                "Role " + roleArn + " is invalid or cannot be assumed"));
        return Principal.assumedRole(r.arn(), r.roleId(), sessionName, null);
    }

    /**
     * May {@code caller} pass {@code roleArn} to the service {@code servicePrincipal}
     * (cloudformation.amazonaws.com)? Evaluated as iam:PassRole with iam:PassedToService set, as IAM does.
     */
    public boolean canPassRole(Principal caller, String roleArn, String servicePrincipal) {
        return evaluator.evaluate(caller, "iam:PassRole", roleArn, Arns.account(roleArn), null,
                Map.of("iam:PassedToService", servicePrincipal)).allowed();
    }

    /** Does the role's trust policy let {@code servicePrincipal} (e.g. cloudformation.amazonaws.com) assume it? */
    public boolean trustsService(String roleArn, String servicePrincipal) {
        return role(roleArn).map(r -> evaluator.trustsService(r, servicePrincipal)).orElse(false);
    }

    static String randomId(int length) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) b.append(chars.charAt(RANDOM.nextInt(chars.length())));
        return b.toString();
    }

    private void seedAwsManagedPolicies() {
        awsManaged("AdministratorAccess", "/", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        awsManaged("PowerUserAccess", "/", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"organizations:*\",\"account:*\"],\"Resource\":\"*\"}]}");
        awsManaged("ReadOnlyAccess", "/", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"*:Describe*\",\"*:Get*\",\"*:List*\"],\"Resource\":\"*\"}]}");
        awsManaged("AWSLambdaBasicExecutionRole", "/service-role/", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"logs:CreateLogGroup\",\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":\"*\"}]}");
    }

    private void awsManaged(String name, String path, String json) {
        String arn = "arn:aws:iam::aws:policy" + path + name;
        policies.put(arn, new ManagedPolicy(arn, name, path, "ANPA" + randomId(17), PolicyDocument.parse(json)));
    }
}
