package dev.crossdeploy.localcloud.lambda;

import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.http.AwsService;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Lambda: deployed Java functions really run, each warm version in a worker JVM of its own
 * (see {@link Worker}), invoked by other services through {@link FunctionInvoker} and by clients
 * through the Lambda API ({@link LambdaApi}). Workers stop when their function is deleted and
 * when the cloud resets or closes.
 */
public final class LambdaModule implements CloudModule, FunctionInvoker {
    /** How long an invocation waits for a worker when the cloud runs its maximum. */
    private static final long SLOT_WAIT_MILLIS = 30_000;

    private final CloudState state;
    private final FunctionResolver resolver;
    private final ResourcePolicy policies;
    private final WorkerLaunch launch;
    private final WorkerPool pool;
    private final LambdaApi api;
    private final ExecutorService events;

    public LambdaModule(CloudState state) {
        this.state = state;
        this.resolver = new FunctionResolver(state);
        this.policies = new ResourcePolicy(state);
        var dir = state.dataDir().resolve("lambda");
        this.launch = new WorkerLaunch(new RuntimeFiles(state.dataDir()), new CodePackages(state.dataDir()),
                dir.resolve("workers"), state::endpoint);
        ExecutionCredentials credentials = new ExecutionCredentials(state);
        FunctionLogs logs = new FunctionLogs(state);
        this.pool = new WorkerPool(state.config().maxFunctionWorkers(),
                spec -> new Worker(spec, launch, credentials.issue(spec), logs, state.clock().instant()),
                state.clock()::instant);
        this.api = new LambdaApi(state, this, resolver, policies);
        this.events = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-event-invoke");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<AwsService> apis() { return List.of(api); }

    @Override
    public InvocationResult invoke(String functionArn, byte[] payload) throws FunctionNotFoundException {
        FunctionResolver.Reference ref = FunctionResolver.parse(functionArn, null, null, state.region());
        if (ref.accountId() == null) throw new FunctionNotFoundException("Function not found: " + functionArn);
        return run(ref, resolver.resolve(ref), payload, null);
    }

    @Override
    public boolean allowsInvoke(String functionArn, String servicePrincipal, String sourceArn, String sourceAccount) {
        FunctionResolver.Reference ref = FunctionResolver.parse(functionArn, null, null, state.region());
        return policies.allowsService(ref, servicePrincipal, sourceArn, sourceAccount);
    }

    /** Runs a resolved version on a warm or new worker and gives the worker back. */
    InvocationResult run(FunctionResolver.Reference ref, FunctionSpec spec, byte[] payload, String clientContext) {
        if (spec.runtime() == null || !spec.runtime().startsWith("java")) {
            throw LambdaErrors.invalidRuntime("The local cloud runs Java functions only; " + spec.versionArn()
                    + " uses the runtime " + spec.runtime() + ".");
        }
        launch.taskRoot(spec);
        try {
            Worker worker = pool.acquire(spec, SLOT_WAIT_MILLIS);
            try {
                return worker.invoke(payload, ref.invokedArn(), clientContext);
            } finally {
                pool.release(worker);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LambdaErrors.tooManyRequests("Rate Exceeded.");
        }
    }

    /** Runs an event invocation in the background; its result goes only to the logs. */
    void runAsync(FunctionResolver.Reference ref, FunctionSpec spec, byte[] payload, String clientContext) {
        events.submit(() -> {
            try {
                run(ref, spec, payload, clientContext);
            } catch (RuntimeException e) {
                // An event invocation has nobody to answer.
            }
        });
    }

    /** Stops the workers of a deleted function. */
    public void functionDeleted(String accountId, String region, String name) {
        pool.stopFunction("arn:aws:lambda:" + region + ":" + accountId + ":function:" + name);
    }

    /** Process ids of the running workers, for tests that check what runs. */
    public List<Long> workerPids() {
        return pool.workers().stream().map(Worker::pid).toList();
    }

    @Override
    public void reset() { pool.stopEverything(); }

    @Override
    public void close() {
        events.shutdownNow();
        pool.close();
    }
}
