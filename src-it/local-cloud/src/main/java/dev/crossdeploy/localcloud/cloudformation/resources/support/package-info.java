/**
 * What the resource types share. A type is a {@link dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler}
 * subclass that declares its {@link dev.crossdeploy.localcloud.cloudformation.resources.support.Schema} (property kinds,
 * required keys, "Update requires: Replacement" rules), its physical id and ARN, and the API actions each operation is
 * authorized for; it adds its own checks and side effects in {@code onCreate}/{@code onUpdate}/{@code onDelete} and
 * reports failures through {@link dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors} in the
 * words resource handlers use. Register a new type in {@code StandardResourceTypes}.
 */
package dev.crossdeploy.localcloud.cloudformation.resources.support;
