package dev.crossdeploy.localcloud.events;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs EventBridge into the cloud (listed in META-INF/services). */
public final class EventsModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return new EventsModule(state); }
}
