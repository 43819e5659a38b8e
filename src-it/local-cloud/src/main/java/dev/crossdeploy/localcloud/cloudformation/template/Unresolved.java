package dev.crossdeploy.localcloud.cloudformation.template;

/** Thrown when a value depends on a resource that does not exist yet (a change set's "dynamic" value). */
public final class Unresolved extends RuntimeException {
    public Unresolved(String what) {
        super(what, null, false, false);
    }
}
