/**
 * The local cloud's CloudFormation: the query API ({@link dev.crossdeploy.localcloud.cloudformation.CloudFormationService})
 * over a stack engine.
 * <ul>
 *   <li>{@code template}: parsing (JSON, YAML with short-form tags), validation with CloudFormation's
 *       texts, parameters, intrinsic functions, dependencies.</li>
 *   <li>{@code engine}: stacks per account and region, change set planning, asynchronous provisioning in
 *       dependency order with replacement, cleanup, rollback and deletion, events and exports.</li>
 *   <li>{@code resources}: the resource types, behind the {@code ResourceHandler} contract. Extra types
 *       (tests, demos) register through {@link java.util.ServiceLoader} as {@code ResourceHandler}
 *       services; built-in types take precedence.</li>
 * </ul>
 */
package dev.crossdeploy.localcloud.cloudformation;
