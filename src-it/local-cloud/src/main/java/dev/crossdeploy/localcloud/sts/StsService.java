package dev.crossdeploy.localcloud.sts;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.AccessKey;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.http.QueryProtocolService;
import dev.crossdeploy.localcloud.iam.Role;
import dev.crossdeploy.localcloud.xml.Xml;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * STS: GetCallerIdentity and AssumeRole. AssumeRole needs both the role's trust policy and
 * (for a role session calling) the caller's own policies to allow it, as in AWS; every refusal,
 * including a role that does not exist, is the same AccessDenied text.
 */
public final class StsService extends QueryProtocolService {
    private static final String SESSION_NAME = "[\\w+=,.@-]{2,64}";
    private final CloudState state;

    public StsService(CloudState state) {
        super("sts", "https://sts.amazonaws.com/doc/2011-06-15/");
        this.state = state;
        action("GetCallerIdentity", this::getCallerIdentity);
        action("AssumeRole", this::assumeRole);
    }

    private void getCallerIdentity(QueryParams params, Principal caller, Xml result) {
        result.leaf("Arn", caller.arn()).leaf("UserId", caller.userId()).leaf("Account", caller.accountId());
    }

    private void assumeRole(QueryParams params, Principal caller, Xml result) {
        String roleArn = params.required("RoleArn");
        String sessionName = params.required("RoleSessionName");
        if (roleArn.length() < 20) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + roleArn
                    + "' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20");
        }
        if (sessionName.length() < 2 || sessionName.length() > 64) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must have length "
                    + (sessionName.length() < 2 ? "greater than or equal to 2" : "less than or equal to 64"));
        }
        if (!sessionName.matches(SESSION_NAME)) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + sessionName
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        Integer duration = params.integer("DurationSeconds");
        int seconds = duration == null ? 3600 : duration;
        if (seconds < 900) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + seconds
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        }
        if (seconds > 43200) {
            throw new AwsException(400, "ValidationError", "1 validation error detected: Value '" + seconds
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200");
        }

        AwsException denied = AwsException.accessDenied("User: " + caller.arn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        Optional<Role> found = state.iam().role(roleArn);
        if (found.isEmpty()) throw denied;
        Role role = found.get();
        Map<String, String> context = new HashMap<>();
        String externalId = params.get("ExternalId");
        if (externalId != null) context.put("sts:ExternalId", externalId);
        boolean allowed = state.iam().evaluator()
                .evaluate(caller, "sts:AssumeRole", role.arn(), role.accountId(), role.trustPolicy(), context).allowed()
                && state.iam().evaluator().trusts(role, caller, context);
        if (!allowed) throw denied;

        if (caller.kind() == Principal.Kind.ASSUMED_ROLE && seconds > 3600) {
            throw new AwsException(400, "ValidationError",
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (seconds > role.maxSessionDuration()) {
            throw new AwsException(400, "ValidationError",
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Instant expiration = state.clock().instant().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
        AccessKey key = state.credentials().issueTemporary(role.arn(), role.roleId(), sessionName, expiration);
        result.open("Credentials")
                .leaf("AccessKeyId", key.accessKeyId())
                .leaf("SecretAccessKey", key.secretAccessKey())
                .leaf("SessionToken", key.sessionToken())
                .leaf("Expiration", expiration.toString())
                .close()
                .open("AssumedRoleUser")
                .leaf("AssumedRoleId", key.principal().userId())
                .leaf("Arn", key.principal().arn())
                .close();
    }
}
