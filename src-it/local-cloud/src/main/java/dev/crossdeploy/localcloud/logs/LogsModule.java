package dev.crossdeploy.localcloud.logs;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.AwsService;

import java.util.List;

/**
 * CloudWatch Logs: the store functions and builds write to, and the Logs API that reads and
 * manages it.
 */
public final class LogsModule implements CloudModule {
    private final LogStore store;
    private final LogsService api;

    public LogsModule(CloudState state) {
        this.store = new LogStore(state.clock());
        this.api = new LogsService(state, store);
    }

    public LogStore store() { return store; }

    @Override
    public List<AwsService> apis() { return List.of(api); }

    @Override
    public void reset() { store.clear(); }
}
