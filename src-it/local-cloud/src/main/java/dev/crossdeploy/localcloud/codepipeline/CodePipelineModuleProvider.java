package dev.crossdeploy.localcloud.codepipeline;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs CodePipeline into the cloud (listed in META-INF/services). */
public final class CodePipelineModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return new CodePipelineModule(state); }
}
