package dev.crossdeploy.localcloud.iam;

/** The outcome of evaluating policies for one request. */
public enum Decision {
    ALLOW, EXPLICIT_DENY, IMPLICIT_DENY;

    public boolean allowed() { return this == ALLOW; }
}
