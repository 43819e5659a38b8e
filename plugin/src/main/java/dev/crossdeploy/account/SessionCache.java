package dev.crossdeploy.account;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    /** Assumptions under way, outside the lock; a second caller for the same key waits for the first. */
    private final Map<Scoped, CompletableFuture<AssumedRole>> assuming = new HashMap<>();

    static SessionCache shared() { return SHARED; }

    /**
     * The role for {@code key} in build {@code scope}, assumed by {@code assume} when this build has none yet;
     * leased to the caller, who releases it. The assumption runs outside the lock, so stages of a
     * fan-out assume their roles at the same time; callers for the same key wait for the one assumption.
     */
    AssumedRole lease(String scope, SessionKey key, Supplier<AssumedRole> assume) {
        Scoped scoped = new Scoped(Objects.requireNonNull(scope, "scope"), key);
        while (true) {
            CompletableFuture<AssumedRole> pending;
            boolean mine = false;
            synchronized (this) {
                AssumedRole role = roles.get(scoped);
                if (role != null) {
                    role.lease();
                    return role;
                }
                pending = assuming.get(scoped);
                if (pending == null) {
                    closeIdle(entry -> !entry.scope().equals(scope));
                    pending = new CompletableFuture<>();
                    assuming.put(scoped, pending);
                    mine = true;
                }
            }
            if (mine) return assumeAndKeep(scoped, assume, pending);
            try {
                pending.join();
            } catch (CompletionException e) {
                // The same key failed for another caller just now: the same reason holds here.
                if (e.getCause() instanceof RuntimeException failure) throw failure;
                throw e;
            }
            // Assumed by another caller: loop to lease it under the lock.
        }
    }

    private AssumedRole assumeAndKeep(Scoped scoped, Supplier<AssumedRole> assume, CompletableFuture<AssumedRole> pending) {
        AssumedRole role;
        try {
            role = assume.get();
        } catch (RuntimeException | Error e) {
            synchronized (this) { assuming.remove(scoped); }
            pending.completeExceptionally(e);
            throw e;
        }
        synchronized (this) {
            assuming.remove(scoped);
            roles.put(scoped, role);
            role.lease();
            if (roles.size() > MAX) closeIdle(entry -> roles.size() > MAX);
        }
        pending.complete(role);
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
