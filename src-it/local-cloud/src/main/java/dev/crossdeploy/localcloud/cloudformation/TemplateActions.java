package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.cloudformation.engine.Stack;
import dev.crossdeploy.localcloud.cloudformation.template.ParameterDecl;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.QueryParams;
import dev.crossdeploy.localcloud.xml.Xml;

import java.util.List;

/** ValidateTemplate and GetTemplateSummary: what a template declares, without deploying it. */
final class TemplateActions {
    private final StackLookup lookup;
    private final TemplateLoader templates;
    private final Permissions permissions;

    TemplateActions(StackLookup lookup, TemplateLoader templates, Permissions permissions) {
        this.lookup = lookup;
        this.templates = templates;
        this.permissions = permissions;
    }

    void validateTemplate(QueryParams p, Principal c, Xml x) {
        permissions.authorize(c, "cloudformation:ValidateTemplate", "*");
        Template t = templates.load(p);
        x.open("Parameters");
        for (ParameterDecl d : t.parameters().values()) {
            x.open("member").leaf("ParameterKey", d.name()).leaf("DefaultValue", d.noEcho() && d.defaultValue() != null ? StackXml.MASK : d.defaultValue())
                    .leaf("NoEcho", d.noEcho()).leaf("Description", d.description()).close();
        }
        x.close().leaf("Description", t.description());
        capabilities(x, t);
        StackXml.strings(x, "DeclaredTransforms", t.transforms());
    }

    void getTemplateSummary(QueryParams p, Principal c, Xml x) {
        Template t;
        if (p.has("StackName") && !p.has("TemplateBody") && !p.has("TemplateURL")) {
            Stack s = lookup.stack(c, p.get("StackName"));
            permissions.authorize(c, "cloudformation:GetTemplateSummary", s.id());
            t = s.template();
            if (t == null) throw AwsException.validation("Stack with id " + p.get("StackName") + " does not exist");
        } else {
            permissions.authorize(c, "cloudformation:GetTemplateSummary", "*");
            t = templates.load(p);
        }
        x.open("Parameters");
        for (ParameterDecl d : t.parameters().values()) {
            x.open("member").leaf("ParameterKey", d.name())
                    .leaf("DefaultValue", d.noEcho() && d.defaultValue() != null ? StackXml.MASK : d.defaultValue())
                    .leaf("ParameterType", d.type()).leaf("NoEcho", d.noEcho()).leaf("Description", d.description());
            if (d.spec().get("AllowedValues") instanceof List<?> l) {
                x.open("ParameterConstraints").open("AllowedValues");
                l.forEach(v -> x.leaf("member", String.valueOf(v)));
                x.close().close();
            }
            x.close();
        }
        x.close().leaf("Description", t.description());
        capabilities(x, t);
        StackXml.strings(x, "ResourceTypes", t.resources().values().stream().map(r -> r.type()).distinct().toList());
        x.leaf("Version", "2010-09-09");
        StackXml.strings(x, "DeclaredTransforms", t.transforms());
    }

    private void capabilities(Xml x, Template t) {
        List<String> caps = Capabilities.required(t);
        StackXml.strings(x, "Capabilities", caps);
        if (caps.contains(Capabilities.IAM) || caps.contains(Capabilities.NAMED_IAM)) {
            x.leaf("CapabilitiesReason", "The following resource(s) require capabilities: " + Capabilities.iamTypes(t));
        }
    }
}
