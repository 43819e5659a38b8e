package dev.crossdeploy.account;

import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Clients for one stage's account, signed with the stage's deploy role. Opening it assumes
 * the role and proves with GetCallerIdentity that the credentials belong to the stage's
 * account, so nothing is written anywhere else.
 * PLACEHOLDER — the account work fills the bodies; the signatures are the contract.
 */
public final class AccountSession implements AutoCloseable {

    /**
     * Assumes {@code stage}'s deploy role with {@code settings}' base credentials.
     *
     * @throws dev.crossdeploy.CrossdeployException when the role cannot be assumed or lands in another account
     */
    public static AccountSession open(Stage stage, AwsSettings settings, String sessionName, Reporter reporter) {
        throw new UnsupportedOperationException("not yet");
    }

    public String accountId() { throw new UnsupportedOperationException(); }

    public String region() { throw new UnsupportedOperationException(); }

    public AwsCredentialsProvider credentials() { throw new UnsupportedOperationException(); }

    public S3Client s3() { throw new UnsupportedOperationException(); }

    public CloudFormationClient cloudFormation() { throw new UnsupportedOperationException(); }

    @Override
    public void close() {}
}
