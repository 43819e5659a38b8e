package dev.crossdeploy.localcloud.kms;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs KMS into the cloud (listed in META-INF/services). */
public final class KmsModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return new KmsModule(state); }
}
