package dev.crossdeploy.bootstrap;

import dev.crossdeploy.CrossdeployException;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What to bootstrap in the account whose credentials run the goal: which pipeline account
 * (and optionally which of its roles) the deploy role trusts, an optional external id, the
 * execution role's policies, whether to create a KMS key, and the stack's name.
 * Building one validates it; every problem is a one-line {@link CrossdeployException}.
 */
public record BootstrapRequest(String trustAccount, List<String> trustRoles, String externalId,
                               boolean createKmsKey, List<String> executionPolicyArns, String stackName,
                               String stackSetAdministrator) {
    public static final String DEFAULT_STACK_NAME = "crossdeploy-bootstrap";

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");
    private static final Pattern POLICY_ARN = Pattern.compile("arn:[\\w-]+:iam::([0-9]{12}|aws):policy/.+");
    private static final String EXAMPLE = "e.g. -Dcrossdeploy.trustAccount=111111111111";

    public BootstrapRequest {
        trustAccount = trustAccount == null ? null : trustAccount.trim();
        if (trustAccount == null || trustAccount.isEmpty()) {
            throw new CrossdeployException("crossdeploy.trustAccount is required: give the 12-digit id of the"
                    + " pipeline account that will deploy into this account, " + EXAMPLE + ".");
        }
        if (!ACCOUNT_ID.matcher(trustAccount).matches()) {
            throw new CrossdeployException("crossdeploy.trustAccount '" + trustAccount + "' is not a 12-digit AWS"
                    + " account id; give the pipeline account's id, " + EXAMPLE + ".");
        }
        trustRoles = trustRoles == null ? List.of() : List.copyOf(trustRoles);
        for (String role : trustRoles) {
            if (!ROLE_NAME.matcher(role).matches()) {
                throw new CrossdeployException("crossdeploy.trustRoles entry '" + role + "' is not an IAM role name"
                        + " (up to 64 letters, digits and +=,.@_-); list role names of the pipeline account"
                        + " separated by commas.");
            }
        }
        if (externalId != null && externalId.isEmpty()) externalId = null;
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            // The value is a secret: say what is wrong without echoing it.
            throw new CrossdeployException("crossdeploy.externalId must be 2 to 1224 characters of letters, digits"
                    + " and +=,.@:/_- (the value given is not shown).");
        }
        executionPolicyArns = executionPolicyArns == null ? List.of() : List.copyOf(executionPolicyArns);
        for (String arn : executionPolicyArns) {
            if (!POLICY_ARN.matcher(arn).matches()) {
                throw new CrossdeployException("crossdeploy.executionPolicyArns entry '" + arn + "' is not a managed"
                        + " policy ARN such as arn:aws:iam::aws:policy/AdministratorAccess.");
            }
        }
        stackSetAdministrator = stackSetAdministrator == null || stackSetAdministrator.isBlank() ? null : stackSetAdministrator.trim();
        if (stackSetAdministrator != null && !ACCOUNT_ID.matcher(stackSetAdministrator).matches()) {
            throw new CrossdeployException("crossdeploy.stackSetAdministrator '" + stackSetAdministrator + "' is not a 12-digit"
                    + " AWS account id; give the pipeline account's id, e.g. -Dcrossdeploy.stackSetAdministrator=111111111111.");
        }
        stackName = stackName == null || stackName.isBlank() ? DEFAULT_STACK_NAME : stackName.trim();
        if (!STACK_NAME.matcher(stackName).matches()) {
            throw new CrossdeployException("crossdeploy.bootstrapStackName '" + stackName + "' is not a stack name:"
                    + " start with a letter, then letters, digits and hyphens, at most 128 characters.");
        }
    }

    /** A request without a stack set execution role. */
    public BootstrapRequest(String trustAccount, List<String> trustRoles, String externalId,
                            boolean createKmsKey, List<String> executionPolicyArns, String stackName) {
        this(trustAccount, trustRoles, externalId, createKmsKey, executionPolicyArns, stackName, null);
    }

    /** Splits a comma-separated parameter value ("a, b") into its non-empty entries. */
    public static List<String> commaSeparated(String value) {
        if (value == null) return List.of();
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Never shows the external id. */
    @Override
    public String toString() {
        return "BootstrapRequest[trustAccount=" + trustAccount + ", trustRoles=" + trustRoles
                + ", externalId=" + (externalId == null ? "none" : "(set)") + ", createKmsKey=" + createKmsKey
                + ", executionPolicyArns=" + executionPolicyArns + ", stackName=" + stackName
                + ", stackSetAdministrator=" + (stackSetAdministrator == null ? "none" : stackSetAdministrator) + "]";
    }
}
