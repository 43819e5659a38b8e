package dev.crossdeploy.localcloud.iam;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.http.QueryProtocolService;
import dev.crossdeploy.localcloud.xml.Xml;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The IAM calls needed to seed and inspect roles: roles, inline and managed policies.
 * Each call is authorized against the caller's policies like any other action.
 */
public final class IamService extends QueryProtocolService {
    private final IamStore iam;

    public IamService(IamStore iam) {
        super("iam", "https://iam.amazonaws.com/doc/2010-05-08/");
        this.iam = iam;
        action("CreateRole", this::createRole);
        action("GetRole", (p, c, x) -> writeRole(x.open("Role"), iam().requireRole(account(c, "iam:GetRole", p), p.required("RoleName"))).close());
        action("ListRoles", (p, c, x) -> {
            String acct = authorize(c, "iam:ListRoles", "arn:aws:iam::" + c.accountId() + ":role/");
            x.open("Roles");
            iam().roles(acct).forEach(r -> writeRole(x.open("member"), r).close());
            x.close().leaf("IsTruncated", false);
        });
        action("DeleteRole", (p, c, x) -> iam().deleteRole(account(c, "iam:DeleteRole", p), p.required("RoleName")));
        action("UpdateAssumeRolePolicy", (p, c, x) -> iam().updateAssumeRolePolicy(
                account(c, "iam:UpdateAssumeRolePolicy", p), p.required("RoleName"), p.required("PolicyDocument")));
        action("PutRolePolicy", (p, c, x) -> iam().putRolePolicy(account(c, "iam:PutRolePolicy", p),
                p.required("RoleName"), p.required("PolicyName"), p.required("PolicyDocument")));
        action("GetRolePolicy", this::getRolePolicy);
        action("DeleteRolePolicy", (p, c, x) -> iam().deleteRolePolicy(account(c, "iam:DeleteRolePolicy", p),
                p.required("RoleName"), p.required("PolicyName")));
        action("CreatePolicy", this::createPolicy);
        action("DeletePolicy", (p, c, x) -> {
            authorize(c, "iam:DeletePolicy", p.required("PolicyArn"));
            iam().deletePolicy(p.required("PolicyArn"));
        });
        action("AttachRolePolicy", (p, c, x) -> iam().attachRolePolicy(account(c, "iam:AttachRolePolicy", p),
                p.required("RoleName"), p.required("PolicyArn")));
        action("DetachRolePolicy", (p, c, x) -> iam().detachRolePolicy(account(c, "iam:DetachRolePolicy", p),
                p.required("RoleName"), p.required("PolicyArn")));
    }

    private IamStore iam() { return iam; }

    private void createRole(QueryParams p, Principal c, Xml x) {
        String acct = account(c, "iam:CreateRole", p);
        Role role = iam().createRole(acct, p.required("RoleName"), p.get("Path"),
                p.required("AssumeRolePolicyDocument"), p.get("Description"), p.integer("MaxSessionDuration"));
        writeRole(x.open("Role"), role).close();
    }

    private void getRolePolicy(QueryParams p, Principal c, Xml x) {
        Role role = iam().requireRole(account(c, "iam:GetRolePolicy", p), p.required("RoleName"));
        String name = p.required("PolicyName");
        PolicyDocument doc = role.inlinePolicies().get(name);
        if (doc == null) {
            throw new AwsException(404, "NoSuchEntity", "The role policy with name " + name + " cannot be found.");
        }
        x.leaf("RoleName", role.name()).leaf("PolicyName", name).leaf("PolicyDocument", urlEncode(doc.json()));
    }

    private void createPolicy(QueryParams p, Principal c, Xml x) {
        String name = p.required("PolicyName");
        authorize(c, "iam:CreatePolicy", "arn:aws:iam::" + c.accountId() + ":policy/" + name);
        ManagedPolicy mp = iam().createPolicy(c.accountId(), name, p.get("Path"), p.required("PolicyDocument"));
        x.open("Policy").leaf("PolicyName", mp.name()).leaf("PolicyId", mp.policyId()).leaf("Arn", mp.arn())
                .leaf("Path", mp.path()).leaf("DefaultVersionId", "v1").leaf("AttachmentCount", 0)
                .leaf("IsAttachable", true).close();
    }

    /** Authorizes an action on the role named in the call and returns the caller's account. */
    private String account(Principal caller, String action, QueryParams p) {
        String roleName = p.get("RoleName", "");
        return authorize(caller, action, "arn:aws:iam::" + caller.accountId() + ":role/" + roleName);
    }

    private String authorize(Principal caller, String action, String resourceArn) {
        if (!iam.evaluator().evaluate(caller, action, resourceArn, caller.accountId(), null, Map.of()).allowed()) {
            throw new AwsException(403, "AccessDenied", "User: " + caller.arn() + " is not authorized to perform: "
                    + action + " on resource: " + resourceArn + " because no identity-based policy allows the " + action + " action");
        }
        return caller.accountId();
    }

    private static Xml writeRole(Xml x, Role r) {
        return x.leaf("Path", r.path()).leaf("RoleName", r.name()).leaf("RoleId", r.roleId()).leaf("Arn", r.arn())
                .leaf("CreateDate", r.created().toString())
                .leaf("AssumeRolePolicyDocument", urlEncode(r.trustPolicy().json()))
                .leaf("Description", r.description())
                .leaf("MaxSessionDuration", r.maxSessionDuration());
    }

    /** IAM returns policy documents URL-encoded. */
    private static String urlEncode(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
