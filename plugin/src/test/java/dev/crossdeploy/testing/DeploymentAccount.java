package dev.crossdeploy.testing;

/**
 * What {@link AccountSeed} created in a deployment account: the names the bootstrap stack
 * would have created, so a stage with default settings reaches them.
 */
public record DeploymentAccount(String name, String accountId, String region,
                                String deployRoleArn, String executionRoleArn, String artifactBucket,
                                String externalId) {
}
