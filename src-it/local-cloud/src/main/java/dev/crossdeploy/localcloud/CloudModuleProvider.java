package dev.crossdeploy.localcloud;

import java.util.List;
import java.util.ServiceLoader;

/**
 * How a service package plugs into the cloud without the root package naming it: the package
 * has one implementation, listed in {@code META-INF/services/dev.crossdeploy.localcloud.CloudModuleProvider}.
 * That file's order is the start order (and, reversed, the stop order); CloudFormation comes
 * last, so {@link CloudState#module(Class)} finds every module it provisions into.
 */
public interface CloudModuleProvider {

    /** Creates this package's module for a cloud that is starting. */
    CloudModule create(CloudState state);

    /** The standard modules' providers, in the order of the services file. */
    static List<CloudModuleProvider> standard() {
        // The class loader that loaded the cloud: inside a Maven plugin's tests it is not the context loader.
        return ServiceLoader.load(CloudModuleProvider.class, CloudModuleProvider.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
    }
}
