package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEngine;
import dev.crossdeploy.localcloud.cloudformation.engine.StackStore;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.http.QueryParams;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What stack sets borrow from the CloudFormation service they are part of: the stack engine and
 * store that run each instance's stack, the request's region, and the service's template loading
 * and capability checks, so both answer alike.
 *
 * @param templates           parses and validates a request's TemplateBody or TemplateURL
 * @param missingCapabilities the capabilities a template needs that the given list lacks
 */
public record StackSetHost(CloudState state, StackEngine engine, StackStore store, Supplier<String> region,
                           Function<QueryParams, Template> templates,
                           BiFunction<Template, List<String>, List<String>> missingCapabilities) {}
