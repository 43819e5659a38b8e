package dev.crossdeploy.localcloud.events;

/**
 * One delivery of an event to a rule's target, successful or not; kept for tests and operators
 * ({@link EventsModule#invocations()}), as CloudWatch's FailedInvocations metric counts them in AWS.
 *
 * @param error why the delivery failed, null when it succeeded
 */
public record TargetInvocation(String ruleArn, String targetId, String targetArn, String eventId, String error) {
    public boolean succeeded() { return error == null; }
}
