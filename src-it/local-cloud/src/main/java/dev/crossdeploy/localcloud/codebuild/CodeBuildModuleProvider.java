package dev.crossdeploy.localcloud.codebuild;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs CodeBuild into the cloud (listed in META-INF/services). */
public final class CodeBuildModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return new CodeBuildModule(state); }
}
