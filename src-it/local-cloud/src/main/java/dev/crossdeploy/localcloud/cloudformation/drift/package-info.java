/**
 * Drift of a stack's resources: what was deployed compared with what the owning service holds now,
 * for the resource types whose live state the local cloud can read.
 */
package dev.crossdeploy.localcloud.cloudformation.drift;
