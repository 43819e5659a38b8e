package dev.crossdeploy.localcloud.logs;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;

/** CloudWatch Logs: the store functions and builds write to. */
public final class LogsModule implements CloudModule {
    private final LogStore store = new LogStore();

    public LogsModule(CloudState state) {}

    public LogStore store() { return store; }

    @Override
    public void reset() { store.clear(); }
}
