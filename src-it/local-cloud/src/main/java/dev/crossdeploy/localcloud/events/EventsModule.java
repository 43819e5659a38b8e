package dev.crossdeploy.localcloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.AwsService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * EventBridge: each account's default event bus per region, whose rules (the stacks'
 * {@code AWS::Events::Rule}s) match published events and deliver them to their targets on
 * delivery threads, so publishers (a git push, PutEvents) never wait for a target. Every delivery
 * is recorded as a {@link TargetInvocation}; a failed one is also logged.
 */
public final class EventsModule implements CloudModule {
    private static final Logger LOG = Logger.getLogger(EventsModule.class.getName());

    private final Rules rules;
    private final TargetDispatcher dispatcher;
    private final EventsService api;
    private final List<TargetInvocation> invocations = new ArrayList<>();
    /** The latest events put on any bus, newest last (as an archive would keep them), for tests and operators. */
    private final java.util.Deque<JsonNode> recent = new java.util.ArrayDeque<>();
    private static final int RECENT = 1000;
    /** One delivery thread per target service, so a slow function never holds up a pipeline start. */
    private final Map<String, ExecutorService> delivery = new java.util.concurrent.ConcurrentHashMap<>();

    public EventsModule(CloudState state) {
        this.rules = new Rules(state);
        this.dispatcher = new TargetDispatcher(Map.of(
                "codepipeline", new PipelineTarget(state),
                "lambda", new LambdaTarget(state)));
        this.api = new EventsService(state, rules, this);
    }

    @Override
    public List<AwsService> apis() { return List.of(api); }

    /**
     * Puts an event (EventBridge's envelope: id, source, detail-type, account, region, resources,
     * detail, ...) on the account's default bus in {@code region}; returns how many rules matched.
     */
    public int publish(String accountId, String region, JsonNode event) {
        return publish(accountId, region, "default", event);
    }

    int publish(String accountId, String region, String bus, JsonNode event) {
        synchronized (recent) {
            if (recent.size() == RECENT) recent.removeFirst();
            recent.addLast(event);
        }
        int matched = 0;
        for (Rule rule : rules.onBus(accountId, region, bus)) {
            if (!rule.enabled() || rule.pattern() == null) continue;
            boolean matches;
            try {
                matches = EventPattern.of(rule.pattern()).matches(event);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!matches) continue;
            matched++;
            for (Rule.Target target : rule.targets()) {
                executor(dev.crossdeploy.localcloud.auth.Arns.service(target.arn())).execute(() -> deliver(rule, target, event));
            }
        }
        return matched;
    }

    private ExecutorService executor(String service) {
        return delivery.computeIfAbsent(service, s -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "local-cloud-events-" + s);
            t.setDaemon(true);
            return t;
        }));
    }

    private void deliver(Rule rule, Rule.Target target, JsonNode event) {
        String eventId = event.path("id").asText(null);
        String error = null;
        try {
            dispatcher.deliver(rule, target, event);
        } catch (EventTarget.TargetFailure e) {
            error = e.getMessage();
        } catch (RuntimeException e) {
            error = "The target failed: " + e;
        }
        if (error != null) {
            LOG.log(Level.WARNING, "EventBridge rule {0} could not deliver event {1} to {2}: {3}",
                    new Object[]{rule.arn(), eventId, target.arn(), error});
        }
        synchronized (invocations) {
            invocations.add(new TargetInvocation(rule.arn(), target.id(), target.arn(), eventId, error));
        }
    }

    /** Every delivery since the last reset, in the order they finished. */
    public List<TargetInvocation> invocations() {
        synchronized (invocations) {
            return List.copyOf(invocations);
        }
    }

    /** The latest events put on the buses since the last reset (at most 1000), oldest first. */
    public List<JsonNode> recentEvents() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    @Override
    public void reset() {
        synchronized (recent) {
            recent.clear();
        }
        synchronized (invocations) {
            invocations.clear();
        }
    }

    @Override
    public void close() { delivery.values().forEach(ExecutorService::shutdownNow); }
}
