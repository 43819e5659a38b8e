package dev.crossdeploy.localcloud.cloudformation.resources;

/** A resource operation failed; the message becomes the event's ResourceStatusReason. */
public class ResourceFailure extends Exception {
    public ResourceFailure(String reason) {
        super(reason);
    }
}
