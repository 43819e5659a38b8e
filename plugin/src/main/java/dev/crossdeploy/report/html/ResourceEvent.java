package dev.crossdeploy.report.html;

import java.time.Instant;

/**
 * One stack event as the deployment saw it, in the order CloudFormation reported it.
 *
 * @param status CloudFormation's resource status, e.g. CREATE_IN_PROGRESS
 * @param reason the status reason, or null
 */
public record ResourceEvent(Instant time, String logicalId, String type, String status, String reason) {}
