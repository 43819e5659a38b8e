package dev.crossdeploy.localcloud.events;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.auth.Principal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in for the CodePipeline module: records each start it is asked for. */
final class RecordingPipelineStarter implements CloudModule, PipelineStarter {
    record Start(String accountId, String region, String pipelineName, Principal startedBy) {}

    final List<Start> starts = new CopyOnWriteArrayList<>();

    @Override
    public String startPipelineExecution(String accountId, String region, String pipelineName, Principal startedBy) {
        starts.add(new Start(accountId, region, pipelineName, startedBy));
        return "execution-" + starts.size();
    }

    @Override
    public void reset() { starts.clear(); }
}
