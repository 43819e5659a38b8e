package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.CloudState;

/**
 * The region of the request being handled, taken from its signature; stacks live per region.
 * Outside a request (or for an unsigned one) it is the cloud's own region.
 */
final class RequestRegion {
    private final CloudState state;
    private final ThreadLocal<String> current = new ThreadLocal<>();

    RequestRegion(CloudState state) {
        this.state = state;
    }

    void enter(String region) { current.set(region); }

    void leave() { current.remove(); }

    String get() {
        String r = current.get();
        return r == null ? state.region() : r;
    }
}
