package dev.crossdeploy.localcloud.logs;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs CloudWatch Logs into the cloud (listed in META-INF/services). */
public final class LogsModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return new LogsModule(state); }
}
