package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.ChangeSet;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEngine;
import dev.crossdeploy.localcloud.cloudformation.engine.StackEvent;
import dev.crossdeploy.localcloud.cloudformation.engine.StackResource;
import dev.crossdeploy.localcloud.cloudformation.engine.StackStore;
import dev.crossdeploy.localcloud.cloudformation.engine.Tag;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRegistry;
import dev.crossdeploy.localcloud.cloudformation.template.ParameterDecl;
import dev.crossdeploy.localcloud.cloudformation.template.ParameterValues;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateException;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateParser;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateValidator;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.http.QueryProtocolService;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudFormation's query API over the local stack engine: change sets, stacks, events,
 * resources, templates, exports. Every call is authorized for the caller on the stack's ARN;
 * stacks live per account and per region of the request's signature.
 */
public final class CloudFormationService extends QueryProtocolService {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]*");
    private static final int EVENTS_PAGE = 100;
    private static final Set<String> UPDATABLE = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE",
            "UPDATE_FAILED", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");

    private final CloudState state;
    private final StackStore store = new StackStore();
    private final StackEngine engine;
    private final RequestRegion requestRegion;
    private final Permissions permissions;
    private final StackLookup stacks;
    private final TemplateLoader templates;

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
        this.permissions = new Permissions(state);
        this.stacks = new StackLookup(store, requestRegion);
        this.templates = new TemplateLoader(state, new TemplateValidator(registry));
        TemplateActions templateActions = new TemplateActions(stacks, templates, permissions);
        ExportActions exports = new ExportActions(store, requestRegion, permissions);
        ChangeSetCreation creation = new ChangeSetCreation(engine, stacks, templates, permissions);
        ChangeSetActions changeSets = new ChangeSetActions(engine, stacks, permissions);
        action("ValidateTemplate", templateActions::validateTemplate);
        action("GetTemplateSummary", templateActions::getTemplateSummary);
        action("CreateChangeSet", creation::createChangeSet);
        action("DescribeChangeSet", changeSets::describeChangeSet);
        action("ExecuteChangeSet", changeSets::executeChangeSet);
        action("DeleteChangeSet", changeSets::deleteChangeSet);
        action("ListChangeSets", changeSets::listChangeSets);
        action("DescribeStacks", this::describeStacks);
        action("DescribeStackEvents", this::describeStackEvents);
        action("DescribeStackResources", this::describeStackResources);
        action("DescribeStackResource", this::describeStackResource);
        action("ListStackResources", this::listStackResources);
        action("ListStacks", this::listStacks);
        action("GetTemplate", this::getTemplate);
        action("DeleteStack", this::deleteStack);
        action("UpdateTerminationProtection", this::updateTerminationProtection);
        action("ListExports", exports::listExports);
        action("ListImports", exports::listImports);
    }

    /** Forgets all stacks; called on cloud reset. */
    public void reset() {
        store.reset();
        ResourceRecords.of(state).clear();
    }

    /** Stops provisioning threads; called when the cloud stops. */
    public void shutdown() { engine.shutdown(); }

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

    /** Actions whose (empty) output AWS still wraps in an ActionResult element, which botocore requires. */
    private static final Set<String> EMPTY_RESULTS = Set.of("ExecuteChangeSet", "DeleteChangeSet");

    private static CloudResponse withResultElement(CloudResponse response, String action) {
        if (!EMPTY_RESULTS.contains(action)) return response;
        String body = new String(response.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (body.contains("<" + action + "Result")) return response;
        return response.body(body.replace("<ResponseMetadata>", "<" + action + "Result/><ResponseMetadata>"));
    }

    private String region() { return requestRegion.get(); }

    private Template template(QueryParams p) { return templates.load(p); }

    // ---------------------------------------------------------------- stacks

    private void describeStacks(QueryParams p, Principal c, Xml x) {
        String name = p.get("StackName");
        List<Stack> stacks;
        if (name == null) {
            authorize(c, "cloudformation:DescribeStacks", "*");
            stacks = new ArrayList<>(store.all(c.accountId(), region()).stream().filter(s -> !s.isDeleted()).toList());
            stacks.sort(Comparator.comparing(Stack::created).reversed());
        } else {
            Stack s = describedStack(c, name);
            authorize(c, "cloudformation:DescribeStacks", s.id());
            stacks = List.of(s);
        }
        x.open("Stacks");
        stacks.forEach(s -> StackXml.stack(x, s));
        x.close();
    }

    private void describeStackEvents(QueryParams p, Principal c, Xml x) {
        Stack s = stack(c, p.required("StackName"));
        authorize(c, "cloudformation:DescribeStackEvents", s.id());
        List<StackEvent> events = new ArrayList<>(s.events());
        java.util.Collections.reverse(events);
        int from = 0;
        String next = p.get("NextToken");
        if (next != null) {
            try {
                from = Integer.parseInt(next);
            } catch (NumberFormatException e) {
                throw AwsException.validation("Invalid NextToken");
            }
        }
        // Pages count back from the oldest event so a page stays stable while new events arrive.
        int total = events.size();
        int start = next == null ? 0 : Math.max(0, total - from);
        int end = Math.min(total, start + EVENTS_PAGE);
        x.open("StackEvents");
        events.subList(start, end).forEach(e -> StackXml.event(x, e));
        x.close();
        if (end < total) x.leaf("NextToken", String.valueOf(total - end));
    }

    private void describeStackResources(QueryParams p, Principal c, Xml x) {
        String name = p.get("StackName");
        String physical = p.get("PhysicalResourceId");
        Stack s;
        if (name == null && physical != null) {
            s = store.all(c.accountId(), region()).stream()
                    .filter(st -> st.resources().stream().anyMatch(r -> physical.equals(r.physicalId())))
                    .findFirst().orElseThrow(() -> AwsException.validation("Stack for " + physical + " does not exist"));
        } else {
            if (name == null) throw AwsException.validation("Either StackName or PhysicalResourceId must be specified.");
            s = describedStack(c, name);
        }
        authorize(c, "cloudformation:DescribeStackResources", s.id());
        String logical = p.get("LogicalResourceId");
        x.open("StackResources");
        for (StackResource r : s.resources()) {
            if (logical != null && !logical.equals(r.logicalId())) continue;
            if (physical != null && !physical.equals(r.physicalId())) continue;
            StackXml.resource(x, s, r);
        }
        x.close();
    }

    private void describeStackResource(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        Stack s = describedStack(c, name);
        authorize(c, "cloudformation:DescribeStackResource", s.id());
        String logical = p.required("LogicalResourceId");
        StackResource r = s.resources().stream().filter(sr -> sr.logicalId().equals(logical)).findFirst()
                .orElseThrow(() -> AwsException.validation("Resource " + logical + " does not exist for stack " + name));
        x.open("StackResourceDetail")
                .leaf("StackName", s.name()).leaf("StackId", s.id())
                .leaf("LogicalResourceId", r.logicalId()).leaf("PhysicalResourceId", r.physicalId())
                .leaf("ResourceType", r.type()).leaf("LastUpdatedTimestamp", StackXml.time(r.updated()))
                .leaf("ResourceStatus", r.status()).leaf("ResourceStatusReason", r.reason())
                .element("DriftInformation", d -> d.leaf("StackResourceDriftStatus", "NOT_CHECKED"))
                .close();
    }

    private void listStackResources(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        Stack s = describedStack(c, name);
        authorize(c, "cloudformation:ListStackResources", s.id());
        x.open("StackResourceSummaries");
        s.resources().forEach(r -> StackXml.resourceSummary(x, r));
        x.close();
    }

    private void listStacks(QueryParams p, Principal c, Xml x) {
        authorize(c, "cloudformation:ListStacks", "*");
        List<String> filter = p.list("StackStatusFilter");
        List<Stack> stacks = new ArrayList<>(store.all(c.accountId(), region()));
        stacks.sort(Comparator.comparing(Stack::created).reversed());
        x.open("StackSummaries");
        for (Stack s : stacks) {
            if (filter.isEmpty() || filter.contains(s.status())) StackXml.summary(x, s);
        }
        x.close();
    }

    private void getTemplate(QueryParams p, Principal c, Xml x) {
        Template t;
        String arn;
        if (p.has("ChangeSetName")) {
            ChangeSet cs = changeSet(c, p);
            t = cs.template();
            arn = cs.stack().id();
        } else {
            String name = p.required("StackName");
            Stack s = describedStack(c, name);
            t = s.template();
            arn = s.id();
        }
        authorize(c, "cloudformation:GetTemplate", arn);
        String stage = p.get("TemplateStage", "Original");
        if (!stage.equals("Original") && !stage.equals("Processed")) {
            throw AwsException.validation("1 validation error detected: Value '" + stage
                    + "' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value set: [Original, Processed]");
        }
        x.leaf("TemplateBody", t == null ? null : t.body());
        StackXml.strings(x, "StagesAvailable", List.of("Original", "Processed"));
    }

    private void deleteStack(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        Optional<Stack> found = store.find(c.accountId(), region(), name);
        authorize(c, "cloudformation:DeleteStack", found.map(Stack::id).orElse(stackArnPattern(c, name)));
        if (found.isEmpty() || found.get().isDeleted()) return;
        Stack s = found.get();
        if (s.terminationProtection()) {
            throw AwsException.validation("Stack [" + s.name() + "] cannot be deleted while TerminationProtection is enabled");
        }
        if (s.status().equals("DELETE_IN_PROGRESS")) return;
        if (engine.busy(s)) {
            throw AwsException.validation("Stack [" + s.id() + "] cannot be deleted while in status " + s.status());
        }
        String roleArn = p.get("RoleARN");
        if (roleArn != null) {
            checkRole(c, roleArn);
            engine.role(s, roleArn);
        }
        List<String> retain = p.list("RetainResources");
        if (!retain.isEmpty() && !s.status().equals("DELETE_FAILED")) {
            throw AwsException.validation("Invalid operation on stack [" + s.id()
                    + "]. RetainResources is only allowed for stacks in DELETE_FAILED state.");
        }
        Principal actingAs = s.roleArn() == null ? c : state.iam().serviceSession(s.roleArn(), "AWSCloudFormation");
        engine.delete(s, actingAs, p.get("ClientRequestToken"), Set.copyOf(retain));
    }

    private void updateTerminationProtection(QueryParams p, Principal c, Xml x) {
        String name = p.required("StackName");
        String enable = p.required("EnableTerminationProtection");
        Stack s = stack(c, name);
        authorize(c, "cloudformation:UpdateTerminationProtection", s.id());
        engine.terminationProtection(s, Boolean.parseBoolean(enable));
        x.leaf("StackId", s.id());
    }

    // ---------------------------------------------------------------- helpers

    private ChangeSet changeSet(Principal c, QueryParams p) { return stacks.changeSet(c, p); }

    private Stack describedStack(Principal c, String name) { return stacks.describedStack(c, name); }

    private Stack stack(Principal c, String nameOrId) { return stacks.stack(c, nameOrId); }

    private String stackArnPattern(Principal c, String name) { return stacks.stackArnPattern(c, name); }

    private void checkRole(Principal c, String roleArn) { permissions.checkRole(c, roleArn); }

    private void authorize(Principal caller, String action, String resourceArn) { permissions.authorize(caller, action, resourceArn); }
}
