package dev.crossdeploy.stage;

import java.util.List;
import java.util.Map;

/**
 * One deployment target: an account and region with the roles, bucket, parameters and
 * protection that deployments there use. Built by the stage resolution from the POM or a
 * stages file, with the bootstrap stack's names as defaults.
 *
 * @param deployRoleArn     role the pipeline assumes in the account
 * @param executionRoleArn  role CloudFormation runs the stack operations under
 * @param artifactBucket    bucket in the account receiving the artifact
 * @param artifactPrefix    key prefix inside the bucket (may be empty)
 * @param kmsKeyId          KMS key for server-side encryption, or null for AES256
 * @param externalId        sts:ExternalId to pass when assuming the deploy role, or null
 * @param parameters        template parameter values for this stage
 * @param tags              stack tags for this stage
 * @param protectedStage    production-like: termination protection and no data loss without allowReplace
 * @param capabilities      explicit capabilities, or empty to derive them from the template
 * @param requireVerifiedIn name of the stage whose recorded pass the artifact needs, or null
 */
public record Stage(String name, String accountId, String region,
                    String deployRoleArn, String executionRoleArn,
                    String artifactBucket, String artifactPrefix, String kmsKeyId, String externalId,
                    Map<String, String> parameters, Map<String, String> tags,
                    boolean protectedStage, List<String> capabilities, String requireVerifiedIn) {

    public Stage {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        artifactPrefix = artifactPrefix == null ? "" : artifactPrefix;
    }
}
