package dev.crossdeploy.localcloud.cloudformation.resources.devtools;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Access;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Names;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.Map;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::Events::Rule as a record (events are not delivered). Ref is the rule name, or
 * "bus|name" on a custom event bus; GetAtt Arn.
 */
public final class RuleHandler extends RecordHandler {

    public RuleHandler() {
        super("AWS::Events::Rule", ApiService.EVENTS, Schema.of(
                optional("Description", Kind.string().maxLength(512)),
                optional("EventBusName", Kind.string().minLength(1).maxLength(1600)).replaces(),
                optional("EventPattern", Kind.json()),
                optional("Name", Kind.string().minLength(1).maxLength(64).pattern("^[\\.\\-_A-Za-z0-9]+$")).replaces(),
                optional("RoleArn", Kind.string()),
                optional("ScheduleExpression", Kind.string().maxLength(256)),
                optional("State", Kind.enumOf("DISABLED", "ENABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")),
                optional("Targets", Kind.listOf(Kind.openObject(
                        required("Arn", Kind.string().minLength(1).maxLength(1600)),
                        required("Id", Kind.string().minLength(1).maxLength(64).pattern("^[\\.\\-_A-Za-z0-9]+$")),
                        optional("Input", Kind.string()),
                        optional("InputPath", Kind.string()),
                        optional("RoleArn", Kind.string()))))),
                "Arn");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        String name = Values.string(props, "Name");
        if (name == null) name = Names.generate(ctx, 64);
        String bus = bus(props);
        return "default".equals(bus) ? name : bus + "|" + name;
    }

    @Override
    protected String arn(ResourceContext ctx, String id, Map<String, Object> props) {
        String bus = bus(props);
        String name = id.substring(id.indexOf('|') + 1);
        return "arn:aws:events:" + ctx.region() + ":" + ctx.accountId() + ":rule/" + ("default".equals(bus) ? "" : bus + "/") + name;
    }

    private static String bus(Map<String, Object> props) {
        String bus = Values.string(props, "EventBusName", "default");
        return bus.startsWith("arn:") ? bus.substring(bus.lastIndexOf('/') + 1) : bus;
    }

    @Override protected String createAction() { return "events:PutRule"; }
    @Override protected String updateAction() { return "events:PutRule"; }
    @Override protected String deleteAction() { return "events:DeleteRule"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String id, Map<String, Object> props) throws ResourceFailure {
        check(ctx, id, props);
        return Map.of();
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        check(ctx, current.physicalId(), newProps);
        return current.internal();
    }

    private void check(ResourceContext ctx, String id, Map<String, Object> props) throws ResourceFailure {
        if (props.get("EventPattern") == null && props.get("ScheduleExpression") == null) {
            throw HandlerErrors.invalidRequest(ApiService.EVENTS, "Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        if (!Values.maps(props, "Targets").isEmpty()) {
            Access.require(ctx, ApiService.EVENTS,
                    "events:PutTargets", arn(ctx, id, props));
        }
        for (Map<String, Object> target : Values.maps(props, "Targets")) {
            String role = Values.string(target, "RoleArn");
            if (role != null) ServiceRoles.requirePass(ctx, ApiService.EVENTS, role);
        }
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String id, Map<String, Object> props, Map<String, Object> previous) {
        return Map.of("Arn", arn(ctx, id, props));
    }
}
