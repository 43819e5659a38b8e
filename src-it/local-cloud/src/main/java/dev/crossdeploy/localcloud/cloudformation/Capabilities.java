package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.cloudformation.template.ResourceDecl;
import dev.crossdeploy.localcloud.cloudformation.template.Template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which capabilities a template needs: IAM resources, named IAM resources, transforms (macros). */
final class Capabilities {
    static final String IAM = "CAPABILITY_IAM";
    static final String NAMED_IAM = "CAPABILITY_NAMED_IAM";
    static final String AUTO_EXPAND = "CAPABILITY_AUTO_EXPAND";

    /** IAM resource types and the property that gives each a custom name. */
    private static final Map<String, String> IAM_TYPES = Map.of(
            "AWS::IAM::Role", "RoleName",
            "AWS::IAM::ManagedPolicy", "ManagedPolicyName",
            "AWS::IAM::User", "UserName",
            "AWS::IAM::Group", "GroupName",
            "AWS::IAM::InstanceProfile", "InstanceProfileName",
            "AWS::IAM::Policy", "",
            "AWS::IAM::AccessKey", "",
            "AWS::IAM::UserToGroupAddition", "",
            "AWS::IAM::ServiceLinkedRole", "");

    private Capabilities() {}

    static List<String> required(Template t) {
        Set<String> out = new LinkedHashSet<>();
        for (ResourceDecl r : t.resources().values()) {
            String nameProperty = IAM_TYPES.get(r.type());
            if (nameProperty == null) continue;
            if (!nameProperty.isEmpty() && r.properties().containsKey(nameProperty)) out.add(NAMED_IAM);
            else out.add(IAM);
        }
        if (out.contains(NAMED_IAM)) out.remove(IAM);
        if (!t.transforms().isEmpty()) out.add(AUTO_EXPAND);
        return new ArrayList<>(out);
    }

    /** The IAM resource types, for CapabilitiesReason. */
    static List<String> iamTypes(Template t) {
        return t.resources().values().stream().map(ResourceDecl::type).filter(IAM_TYPES::containsKey).distinct().toList();
    }

    /** Required capabilities the caller did not acknowledge. */
    static List<String> missing(Template t, List<String> given) {
        List<String> out = new ArrayList<>();
        for (String c : required(t)) {
            if (given.contains(c)) continue;
            if (c.equals(IAM) && given.contains(NAMED_IAM)) continue;
            out.add(c);
        }
        return out;
    }
}
