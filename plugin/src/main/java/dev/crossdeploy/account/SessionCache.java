package dev.crossdeploy.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The assumed roles of one build, so that {@code upload-to-account} and {@code deploy-stack}
 * (and the verification gate) of the same run share one AssumeRole and one GetCallerIdentity
 * per stage. Maven loads a plugin's classes once per build and runs every goal with them, so
 * this lives in a static; a build with another scope (the next build of a long-lived Maven
 * daemon) closes the last build's roles first. Bounded: past {@value #MAX} roles the oldest
 * idle one is closed. A failed assumption is never kept.
 */
final class SessionCache {
    static final int MAX = 64;
    private static final SessionCache SHARED = new SessionCache();

    private final Map<SessionKey, AssumedRole> roles = new LinkedHashMap<>(16, 0.75f, true);
    private String scope;

    static SessionCache shared() { return SHARED; }

    /**
     * The role for {@code key} in build {@code buildScope}, assumed by {@code assume} when this build has none yet;
     * leased to the caller, who releases it.
     */
    synchronized AssumedRole lease(String buildScope, SessionKey key, Supplier<AssumedRole> assume) {
        if (!Objects.equals(scope, buildScope)) {
            closeAll();
            scope = buildScope;
        }
        AssumedRole role = roles.get(key);
        if (role == null) {
            role = assume.get();
            roles.put(key, role);
            evictIdleBeyondBound();
        }
        role.lease();
        return role;
    }

    synchronized int size() { return roles.size(); }

    /** Closes every role; for tests and for the next build. */
    synchronized void closeAll() {
        roles.values().forEach(AssumedRole::close);
        roles.clear();
    }

    private void evictIdleBeyondBound() {
        var it = roles.values().iterator();
        while (roles.size() > MAX && it.hasNext()) {
            AssumedRole oldest = it.next();
            if (!oldest.inUse()) {
                oldest.close();
                it.remove();
            }
        }
    }
}
