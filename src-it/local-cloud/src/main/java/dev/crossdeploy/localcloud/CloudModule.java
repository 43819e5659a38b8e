package dev.crossdeploy.localcloud;

import dev.crossdeploy.localcloud.http.AwsService;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;

import java.util.List;
import java.util.Optional;

/**
 * One service package's hook into the cloud: the signed APIs it answers, the unsigned
 * data-plane requests it serves (a deployed API's URL, ...), and what it must forget on reset
 * or stop on close (child processes, threads). A package plugs its module in through a
 * {@link CloudModuleProvider}; the module's state lives with it and is reached through
 * {@link CloudState#module(Class)}.
 */
public interface CloudModule extends AutoCloseable {

    /** The SigV4-signed APIs of this module, each routed by its signing name. */
    default List<AwsService> apis() { return List.of(); }

    /** A module that only answers these APIs, for a service whose state lives elsewhere. */
    static CloudModule serving(AwsService... apis) {
        List<AwsService> list = List.of(apis);
        return new CloudModule() {
            @Override
            public List<AwsService> apis() { return list; }
        };
    }

    /**
     * Answers a request that belongs to this module before any signature check (an
     * execute-api URL, ...); empty when the request is not this module's.
     */
    default Optional<CloudResponse> serve(CloudRequest request) { return Optional.empty(); }

    /** Forgets everything created since start; part of the cloud's reset. */
    default void reset() {}

    /** Stops what the module runs (workers, child processes, threads); the cloud is stopping. */
    @Override
    default void close() {}
}
