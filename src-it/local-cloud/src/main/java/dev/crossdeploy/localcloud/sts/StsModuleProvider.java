package dev.crossdeploy.localcloud.sts;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs the STS API into the cloud (listed in META-INF/services). */
public final class StsModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return CloudModule.serving(new StsService(state)); }
}
