package dev.crossdeploy.localcloud.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Requests held at the front door until a test lets them go: the way to stop a client at an
 * exact call (a deploy killed right after CreateChangeSet, two deploys interleaved at
 * ExecuteChangeSet) without sleeps. In-process only; a cloud reset lets every held request go.
 * <pre>{@code
 * Holds.Hold hold = cloud.state().holds().next("cloudformation", "ExecuteChangeSet");
 * hold.awaitArrival(Duration.ofSeconds(10));   // the client now waits inside that call
 * ...
 * hold.release();                              // the call goes on as usual
 * }</pre>
 */
public final class Holds {
    private final List<Hold> waiting = new ArrayList<>();

    /** One held request: the first matching request after {@link #next} was called. */
    public static final class Hold {
        private final String service;
        private final String action;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(String service, String action) {
            this.service = service;
            this.action = action;
        }

        /** Waits until the request arrives; false when {@code timeout} passed first. */
        public boolean awaitArrival(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        public boolean arrived() { return arrived.getCount() == 0; }

        /** Lets the held request (or the one still to come) through. */
        public void release() { released.countDown(); }

        private boolean matches(String svc, String act) {
            return service.equals(svc) && action.equals(act);
        }
    }

    /** Holds the next request for {@code service} (signing name) and {@code action}. */
    public synchronized Hold next(String service, String action) {
        Hold hold = new Hold(service, action);
        waiting.add(hold);
        return hold;
    }

    /** Blocks the calling request while a hold catches it; returns at once when none does. */
    public void pass(String service, String action) {
        Hold hold;
        synchronized (this) {
            hold = waiting.stream().filter(h -> h.matches(service, action)).findFirst().orElse(null);
            if (hold == null) return;
            waiting.remove(hold);
        }
        hold.arrived.countDown();
        try {
            // Bounded, so a test that forgets a hold cannot wedge the cloud's threads for ever.
            hold.released.await(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Forgets holds still waiting for their request. Requests already held stay until released. */
    public synchronized void clear() { waiting.clear(); }
}
