package dev.crossdeploy.localcloud;

import dev.crossdeploy.localcloud.iam.IamService;
import dev.crossdeploy.localcloud.s3.S3Service;

/**
 * The IAM and S3 APIs. Their stores are part of {@link CloudState} (every service asks IAM for
 * decisions; CloudFormation creates buckets), so the root package serves them over those stores
 * and the iam and s3 packages never need the root package.
 */
public final class CloudStateApis implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) {
        return CloudModule.serving(
                new IamService(state.iam()),
                new S3Service(state.s3(), state.iam(), state.credentials(), state.config()));
    }
}
