package dev.crossdeploy.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The assumed roles of one build, so that {@code upload-to-account} and {@code deploy-stack}
 * (and the verification gate) of the same run share one AssumeRole and one GetCallerIdentity
 * per stage. Maven loads a plugin's classes once per build and runs every goal with them, so
 * this lives in a static. A role is handed only to the build ({@code scope}) that assumed it
 * and only for an equal {@link SessionKey}; when another build starts (the next build of a
 * long-lived Maven daemon), the idle roles of the others are closed. Bounded: past
 * {@value #MAX} roles the oldest idle ones are closed. A role in use is never closed, and a
 * failed assumption is never kept.
 */
final class SessionCache {
    static final int MAX = 64;
    private static final SessionCache SHARED = new SessionCache();

    private record Scoped(String scope, SessionKey key) {}

    private final Map<Scoped, AssumedRole> roles = new LinkedHashMap<>(16, 0.75f, true);

    static SessionCache shared() { return SHARED; }

    /**
     * The role for {@code key} in build {@code scope}, assumed by {@code assume} when this build has none yet;
     * leased to the caller, who releases it.
     */
    synchronized AssumedRole lease(String scope, SessionKey key, Supplier<AssumedRole> assume) {
        Scoped scoped = new Scoped(Objects.requireNonNull(scope, "scope"), key);
        AssumedRole role = roles.get(scoped);
        if (role == null) {
            closeIdle(entry -> !entry.scope().equals(scope));
            role = assume.get();
            roles.put(scoped, role);
            if (roles.size() > MAX) closeIdle(entry -> roles.size() > MAX);
        }
        role.lease();
        return role;
    }

    synchronized int size() { return roles.size(); }

    /** Closes every role; for tests. */
    synchronized void closeAll() {
        roles.values().forEach(AssumedRole::close);
        roles.clear();
    }

    /** Closes the idle roles {@code which} selects, oldest first. */
    private void closeIdle(java.util.function.Predicate<Scoped> which) {
        for (var it = roles.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().inUse() && which.test(entry.getKey())) {
                entry.getValue().close();
                it.remove();
            }
        }
    }
}
