package dev.crossdeploy.upload;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsErrors;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

import java.util.Set;

/**
 * Resolves a stage's {@code kmsKeyId} with one {@code kms:DescribeKey} as the deploy role, before
 * the first write of a run: a key that does not exist, is disabled or is pending deletion would
 * make S3 refuse the upload halfway (or, for the template, after the artifact went up).
 * The form of the id (and its region) is checked earlier, without AWS, by the stage validator.
 */
public final class KmsKeyCheck {
    private static final Set<String> DENIED = Set.of("AccessDeniedException", "AccessDenied");

    private KmsKeyCheck() {}

    /**
     * Does nothing for a stage without {@code kmsKeyId} (AES256), nor for a key this build's session
     * for the stage already resolved (upload-to-account then deploy-stack: one DescribeKey per stage).
     *
     * @throws CrossdeployException naming the key, the account and the next step when the key cannot be used
     */
    public static void require(AccountSession session) {
        Stage stage = session.stage();
        String keyId = stage.kmsKeyId();
        if (keyId == null || keyId.isBlank()) return;
        session.once("kms:DescribeKey " + keyId, () -> describe(session, stage, keyId));
    }

    private static void describe(AccountSession session, Stage stage, String keyId) {
        String where = "Stage '" + stage.name() + "': kmsKeyId '" + keyId + "' ";
        String account = "account " + stage.accountId() + " (" + stage.region() + ")";
        KeyMetadata key;
        try {
            key = session.kms().describeKey(r -> r.keyId(keyId)).keyMetadata();
        } catch (NotFoundException e) {
            throw new CrossdeployException(where + "does not exist in " + account
                    + "; create the key (or alias), or fix the stage's kmsKeyId. Nothing was written.", e);
        } catch (KmsException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (!DENIED.contains(code)) throw new CrossdeployException(where + "could not be resolved: " + AwsErrors.explain(e), e);
            throw new CrossdeployException(where + "cannot be checked: the deploy role " + stage.deployRoleArn()
                    + " may not call kms:DescribeKey on it; re-run bootstrap in " + account
                    + " (its deploy role allows kms:DescribeKey), or allow it. Nothing was written.", e);
        }
        if (key.keyState() == KeyState.PENDING_DELETION || key.keyState() == KeyState.PENDING_REPLICA_DELETION) {
            throw new CrossdeployException(where + "is a key pending deletion in " + account
                    + "; cancel its deletion and enable it, or name another key in the stage's kmsKeyId. Nothing was written.");
        }
        if (!Boolean.TRUE.equals(key.enabled())) {
            throw new CrossdeployException(where + "is a key in state " + key.keyStateAsString() + " in " + account
                    + ", which S3 cannot encrypt with; enable it, or name another key in the stage's kmsKeyId. Nothing was written.");
        }
    }
}
