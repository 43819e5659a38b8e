package dev.crossdeploy.localcloud.dynamodb;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs DynamoDB into the cloud (listed in META-INF/services). */
public final class DynamoDbModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return new DynamoDbModule(state); }
}
