package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs CloudFormation into the cloud (listed in META-INF/services). */
public final class CloudFormationModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return new CloudFormationModule(state); }
}
