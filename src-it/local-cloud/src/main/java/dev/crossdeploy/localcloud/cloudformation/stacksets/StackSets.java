package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.http.QueryProtocolService;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * CloudFormation StackSets with self-managed permissions, over the local stack engine: stack
 * sets in the caller's (administrator) account, stack instances as real stacks in target
 * accounts deployed as each account's execution role, and asynchronous operations honouring
 * the operation preferences. The CloudFormation service registers these actions next to its own.
 */
public final class StackSets {
    private final StackSetRegistry registry = new StackSetRegistry();
    private final ExecutorService pool;
    /** Bumped on reset: operations of an earlier generation start nothing more. */
    private final AtomicInteger generation = new AtomicInteger();
    private final StackSetActions sets;
    private final InstanceActions instances;
    private final OperationActions operations;

    public StackSets(StackSetHost host) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stacksets-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        StackSetPermissions permissions = new StackSetPermissions(host.state());
        OperationRunner runner = new OperationRunner(pool, new InstanceDeployer(host), host.state().clock());
        OperationStarter starter = new OperationStarter(runner, host.state().clock(), generation::get);
        this.sets = new StackSetActions(host, registry, permissions, starter);
        this.instances = new InstanceActions(host, registry, permissions, starter);
        this.operations = new OperationActions(host, registry, permissions);
    }

    /** Registers the StackSets actions with the service that dispatches CloudFormation's actions. */
    public void register(BiConsumer<String, QueryProtocolService.Action> action) {
        action.accept("CreateStackSet", sets::createStackSet);
        action.accept("UpdateStackSet", sets::updateStackSet);
        action.accept("DescribeStackSet", sets::describeStackSet);
        action.accept("ListStackSets", sets::listStackSets);
        action.accept("DeleteStackSet", sets::deleteStackSet);
        action.accept("CreateStackInstances", instances::createStackInstances);
        action.accept("UpdateStackInstances", instances::updateStackInstances);
        action.accept("DeleteStackInstances", instances::deleteStackInstances);
        action.accept("ListStackInstances", instances::listStackInstances);
        action.accept("DescribeStackInstance", instances::describeStackInstance);
        action.accept("DescribeStackSetOperation", operations::describeStackSetOperation);
        action.accept("ListStackSetOperations", operations::listStackSetOperations);
        action.accept("ListStackSetOperationResults", operations::listStackSetOperationResults);
    }

    /** Forgets every stack set; operations still running start no further instance. */
    public void reset() {
        generation.incrementAndGet();
        registry.clear();
    }

    public void shutdown() { pool.shutdownNow(); }
}
