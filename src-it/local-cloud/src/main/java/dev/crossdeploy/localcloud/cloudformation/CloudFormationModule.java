package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.AwsService;

import java.util.List;

/** CloudFormation: its API, and the provisioning threads and stacks it forgets on reset. */
public final class CloudFormationModule implements CloudModule {
    private final CloudFormationService service;

    public CloudFormationModule(CloudState state) { this.service = new CloudFormationService(state); }

    @Override
    public List<AwsService> apis() { return List.of(service); }

    @Override
    public void reset() { service.reset(); }

    @Override
    public void close() { service.shutdown(); }
}
