package dev.crossdeploy.localcloud.apigateway;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudModuleProvider;
import dev.crossdeploy.localcloud.CloudState;

/** Plugs API Gateway into the cloud (listed in META-INF/services). */
public final class ApiGatewayModuleProvider implements CloudModuleProvider {
    @Override
    public CloudModule create(CloudState state) { return new ApiGatewayModule(state); }
}
