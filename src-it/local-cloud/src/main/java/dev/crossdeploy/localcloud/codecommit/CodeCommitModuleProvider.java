package dev.crossdeploy.localcloud.codecommit;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs CodeCommit into the cloud (listed in META-INF/services). */
public final class CodeCommitModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return new CodeCommitModule(state); }
}
