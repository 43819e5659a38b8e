package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEngine;
import dev.crossdeploy.localcloud.cloudformation.engine.StackStore;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRegistry;
import dev.crossdeploy.localcloud.cloudformation.stacksets.StackSetHost;
import dev.crossdeploy.localcloud.cloudformation.stacksets.StackSets;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateException;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateValidator;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.http.QueryProtocolService;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * CloudFormation's query API over the local stack engine: change sets, stacks, events,
 * resources, templates, exports. Every call is authorized for the caller on the stack's ARN;
 * stacks live per account and per region of the request's signature. This class wires the
 * action groups together and owns the request's region and the stack store.
 */
public final class CloudFormationService extends QueryProtocolService {
    /** Actions whose (empty) output AWS still wraps in an ActionResult element, which botocore requires. */
    private static final Set<String> EMPTY_RESULTS = Set.of("ExecuteChangeSet", "DeleteChangeSet");

    private final CloudState state;
    private final StackStore store = new StackStore();
    private final StackEngine engine;
    private final RequestRegion requestRegion;
    private final DriftActions drift;
    private final StackSets stackSets;

    public CloudFormationService(CloudState state) {
        this(state, withExtensions(ResourceRegistry.standard()));
    }

    /**
     * The standard types plus any {@link ResourceHandler} on the class path registered through
     * {@link ServiceLoader} (tests and demos add their own types this way); standard types win.
     */
    static ResourceRegistry withExtensions(ResourceRegistry standard) {
        List<ResourceHandler> all = new ArrayList<>();
        standard.types().forEach(type -> all.add(standard.handler(type).orElseThrow()));
        for (ResourceHandler h : ServiceLoader.load(ResourceHandler.class)) {
            if (standard.handler(h.type()).isEmpty()) all.add(h);
        }
        return new ResourceRegistry(all);
    }

    /** With a chosen set of resource types (tests use their own). */
    public CloudFormationService(CloudState state, ResourceRegistry registry) {
        super("cloudformation", "http://cloudformation.amazonaws.com/doc/2010-05-15/");
        this.state = state;
        this.engine = new StackEngine(state, registry, store);
        this.requestRegion = new RequestRegion(state);
        Permissions permissions = new Permissions(state);
        StackLookup lookup = new StackLookup(store, requestRegion);
        TemplateLoader templates = new TemplateLoader(state, new TemplateValidator(registry));

        TemplateActions templateActions = new TemplateActions(lookup, templates, permissions);
        StackInput input = new StackInput(templates, permissions);
        ChangeSetCreation creation = new ChangeSetCreation(engine, lookup, input, permissions);
        StackOperations operations = new StackOperations(engine, lookup, input, permissions);
        ChangeSetActions changeSets = new ChangeSetActions(engine, lookup, permissions);
        StackActions stacks = new StackActions(engine, lookup, permissions);
        StackQueries queries = new StackQueries(lookup, permissions);
        ExportActions exports = new ExportActions(store, requestRegion, permissions);
        this.drift = new DriftActions(state, lookup, permissions);

        action("ValidateTemplate", templateActions::validateTemplate);
        action("GetTemplateSummary", templateActions::getTemplateSummary);
        action("CreateChangeSet", creation::createChangeSet);
        action("DescribeChangeSet", changeSets::describeChangeSet);
        action("ExecuteChangeSet", changeSets::executeChangeSet);
        action("DeleteChangeSet", changeSets::deleteChangeSet);
        action("ListChangeSets", changeSets::listChangeSets);
        action("CreateStack", operations::createStack);
        action("UpdateStack", operations::updateStack);
        action("DescribeStacks", stacks::describeStacks);
        action("DescribeStackEvents", queries::describeStackEvents);
        action("DescribeStackResources", queries::describeStackResources);
        action("DescribeStackResource", queries::describeStackResource);
        action("ListStackResources", queries::listStackResources);
        action("ListStacks", stacks::listStacks);
        action("GetTemplate", stacks::getTemplate);
        action("DeleteStack", stacks::deleteStack);
        action("UpdateTerminationProtection", stacks::updateTerminationProtection);
        action("ListExports", exports::listExports);
        action("ListImports", exports::listImports);
        action("DetectStackDrift", drift::detectStackDrift);
        action("DescribeStackDriftDetectionStatus", drift::describeStackDriftDetectionStatus);
        action("DescribeStackResourceDrifts", drift::describeStackResourceDrifts);
        action("DetectStackResourceDrift", drift::detectStackResourceDrift);
        this.stackSets = new StackSets(new StackSetHost(state, engine, store, requestRegion::get, templates::load, Capabilities::missing));
        stackSets.register(this::action);
    }

    /** Forgets all stacks; called on cloud reset. */
    public void reset() {
        store.reset();
        drift.reset();
        stackSets.reset();
        ResourceRecords.of(state).clear();
    }

    /** Stops provisioning threads; called when the cloud stops. */
    public void shutdown() {
        engine.shutdown();
        drift.shutdown();
        stackSets.shutdown();
    }

    @Override
    public CloudResponse handle(CloudRequest request, Principal caller) {
        requestRegion.enter(request.region());
        try {
            return withResultElement(super.handle(request, caller), actionOf(request));
        } catch (TemplateException e) {
            throw AwsException.validation(e.getMessage());
        } finally {
            requestRegion.leave();
        }
    }

    private static CloudResponse withResultElement(CloudResponse response, String action) {
        if (!EMPTY_RESULTS.contains(action)) return response;
        String body = new String(response.bytes(), StandardCharsets.UTF_8);
        if (body.contains("<" + action + "Result")) return response;
        return response.body(body.replace("<ResponseMetadata>", "<" + action + "Result/><ResponseMetadata>"));
    }
}
