package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;

/**
 * Where and as whom a resource is provisioned: the stack's account and region, and the
 * identity CloudFormation acts as (the stack's RoleARN session, else the caller).
 */
public record ResourceContext(CloudState state, String accountId, String region, String stackName,
                              String stackId, String logicalId, Principal actingAs) {}
