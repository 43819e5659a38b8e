package dev.crossdeploy.localcloud;

/** Lets tests that build a bare {@link CloudState} (no front door) run the modules their code reaches. */
public final class TestModules {
    private TestModules() {}

    public static <T extends CloudModule> T add(CloudState state, T module) {
        state.addModule(module);
        return module;
    }
}
