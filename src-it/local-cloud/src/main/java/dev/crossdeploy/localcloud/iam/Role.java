package dev.crossdeploy.localcloud.iam;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An IAM role: its trust policy (who may assume it), inline policies and attached managed
 * policies (what its sessions may do).
 */
public final class Role {
    private final String accountId;
    private final String name;
    private final String path;
    private final String arn;
    private final String roleId;
    private final Instant created;
    private volatile PolicyDocument trustPolicy;
    private volatile String description;
    private volatile int maxSessionDuration;
    private final Map<String, PolicyDocument> inlinePolicies = new ConcurrentHashMap<>();
    private final Set<String> attachedPolicyArns = ConcurrentHashMap.newKeySet();

    Role(String accountId, String name, String path, String roleId, Instant created,
         PolicyDocument trustPolicy, String description, int maxSessionDuration) {
        this.accountId = accountId;
        this.name = name;
        this.path = path;
        this.arn = "arn:aws:iam::" + accountId + ":role" + path + name;
        this.roleId = roleId;
        this.created = created;
        this.trustPolicy = trustPolicy;
        this.description = description;
        this.maxSessionDuration = maxSessionDuration;
    }

    public String accountId() { return accountId; }
    public String name() { return name; }
    public String path() { return path; }
    public String arn() { return arn; }
    /** The AROA... unique id. */
    public String roleId() { return roleId; }
    public Instant created() { return created; }
    public PolicyDocument trustPolicy() { return trustPolicy; }
    public String description() { return description; }
    public int maxSessionDuration() { return maxSessionDuration; }
    public Map<String, PolicyDocument> inlinePolicies() { return inlinePolicies; }
    public Set<String> attachedPolicyArns() { return attachedPolicyArns; }

    void trustPolicy(PolicyDocument doc) { this.trustPolicy = doc; }
    void description(String d) { this.description = d; }
    void maxSessionDuration(int seconds) { this.maxSessionDuration = seconds; }
}
