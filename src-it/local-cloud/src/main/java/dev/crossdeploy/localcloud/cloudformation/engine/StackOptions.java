package dev.crossdeploy.localcloud.cloudformation.engine;

/**
 * How a CreateStack or UpdateStack call wants its operation run.
 *
 * @param onFailure             what a failed create does: ROLLBACK (null means that too), DO_NOTHING or DELETE
 * @param disableRollback       leave a failed operation as CREATE_FAILED / UPDATE_FAILED
 * @param terminationProtection a new stack refuses deletion until it is turned off
 * @param timeoutInMinutes      reported by DescribeStacks; null when not given
 * @param token                 the call's ClientRequestToken, carried by the operation's events
 */
public record StackOptions(String onFailure, boolean disableRollback, boolean terminationProtection,
                           Integer timeoutInMinutes, String token) {}
