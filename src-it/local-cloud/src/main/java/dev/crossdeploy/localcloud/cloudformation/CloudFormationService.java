package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.QueryProtocolService;

/** CloudFormation's query API. PLACEHOLDER — replaced by the CloudFormation work. */
public final class CloudFormationService extends QueryProtocolService {
    public CloudFormationService(CloudState state) {
        super("cloudformation", "http://cloudformation.amazonaws.com/doc/2010-05-15/");
    }

    /** Forgets all stacks; called on cloud reset. */
    public void reset() {}

    /** Stops provisioning threads; called when the cloud stops. */
    public void shutdown() {}
}
