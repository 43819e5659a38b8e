package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which capabilities a change set must acknowledge, derived from the template the way
 * CloudFormation demands them: IAM resources need CAPABILITY_IAM, IAM resources with custom
 * names CAPABILITY_NAMED_IAM, macros (Transform) CAPABILITY_AUTO_EXPAND. A stage that lists
 * capabilities explicitly gets exactly those.
 */
public final class CapabilityRules {
    /** IAM resource types that require acknowledging CAPABILITY_IAM. */
    static final Set<String> IAM_TYPES = Set.of(
            "AWS::IAM::AccessKey", "AWS::IAM::Group", "AWS::IAM::InstanceProfile", "AWS::IAM::ManagedPolicy",
            "AWS::IAM::Policy", "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::UserToGroupAddition");

    /** The property that gives each nameable IAM type a custom name. */
    static final Map<String, String> NAME_PROPERTIES = Map.of(
            "AWS::IAM::Role", "RoleName",
            "AWS::IAM::User", "UserName",
            "AWS::IAM::Group", "GroupName",
            "AWS::IAM::ManagedPolicy", "ManagedPolicyName",
            "AWS::IAM::InstanceProfile", "InstanceProfileName");

    private CapabilityRules() {}

    public static List<String> capabilities(Template template, Stage stage) {
        if (!stage.capabilities().isEmpty()) return stage.capabilities();
        Set<String> caps = new LinkedHashSet<>();
        template.resourceTypes().forEach((id, type) -> {
            if (IAM_TYPES.contains(type)) {
                caps.add("CAPABILITY_IAM");
                String nameProperty = NAME_PROPERTIES.get(type);
                if (nameProperty != null && template.resourceHasProperty(id, nameProperty)) {
                    caps.add("CAPABILITY_NAMED_IAM");
                }
            } else if (type.startsWith("AWS::Serverless::")) {
                // SAM expands functions and state machines into execution roles it creates.
                caps.add("CAPABILITY_IAM");
            }
        });
        if (template.usesMacros()) caps.add("CAPABILITY_AUTO_EXPAND");
        return List.copyOf(caps);
    }
}
