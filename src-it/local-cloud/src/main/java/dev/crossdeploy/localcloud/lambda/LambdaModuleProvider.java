package dev.crossdeploy.localcloud.lambda;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs Lambda into the cloud (listed in META-INF/services). */
public final class LambdaModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return new LambdaModule(state); }
}
