package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.engine.Tag;
import dev.crossdeploy.localcloud.cloudformation.template.ParameterValues;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The definition a CreateStack, UpdateStack or CreateChangeSet call proposes for a stack:
 * template (or the previous one), parameter values (or previous ones), acknowledged
 * capabilities, service role, tags and notification topics, checked with CloudFormation's errors.
 */
final class StackInput {
    /** A proposed stack definition. */
    record Definition(Template template, Map<String, String> parameters, List<String> capabilities, String roleArn,
                      List<Tag> tags, List<String> notificationArns) {}

    private final TemplateLoader templates;
    private final Permissions permissions;

    StackInput(TemplateLoader templates, Permissions permissions) {
        this.templates = templates;
        this.permissions = permissions;
    }

    /**
     * @param previous the stack as deployed, whose template, parameters, tags and topics the call
     *                 may keep; null for a new stack
     */
    Definition read(QueryParams p, Principal c, Stack previous) {
        Template t = template(p, previous);
        List<ParameterValues.Input> inputs = new ArrayList<>();
        for (Map<String, String> m : p.structs("Parameters")) {
            inputs.add(new ParameterValues.Input(m.get("ParameterKey"), m.get("ParameterValue"),
                    "true".equalsIgnoreCase(m.get("UsePreviousValue"))));
        }
        Map<String, String> values = ParameterValues.resolve(t, inputs, previous == null ? Map.of() : previous.parameters());
        List<String> caps = p.list("Capabilities");
        List<String> missing = Capabilities.missing(t, caps);
        if (!missing.isEmpty()) {
            throw new AwsException(400, "InsufficientCapabilitiesException", "Requires capabilities : " + missing);
        }
        if (!t.transforms().isEmpty()) {
            throw AwsException.validation("Transform " + String.join(", ", t.transforms())
                    + " is not supported by the local cloud; deploy the processed template instead.");
        }
        String roleArn = p.get("RoleARN");
        if (roleArn != null) permissions.checkRole(c, roleArn);
        List<Tag> tags = new ArrayList<>();
        for (Map<String, String> m : p.structs("Tags")) tags.add(new Tag(m.get("Key"), m.get("Value")));
        // Without Tags (or NotificationARNs) an update keeps the stack's.
        if (tags.isEmpty() && previous != null && !p.has("Tags")) tags = new ArrayList<>(previous.tags());
        List<String> notifications = p.list("NotificationARNs");
        if (notifications.isEmpty() && previous != null) notifications = previous.notificationArns();
        return new Definition(t, values, caps, roleArn, List.copyOf(tags), notifications);
    }

    private Template template(QueryParams p, Stack previous) {
        if (!p.bool("UsePreviousTemplate", false)) return templates.load(p);
        if (previous == null || previous.template() == null) {
            throw AwsException.validation("UsePreviousTemplate can not be used for a stack that does not exist.");
        }
        if (p.has("TemplateBody") || p.has("TemplateURL")) {
            throw AwsException.validation("Specify exactly one of TemplateBody, TemplateURL or UsePreviousTemplate.");
        }
        return previous.template();
    }
}
