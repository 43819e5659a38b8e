package dev.crossdeploy.localcloud.cloudformation.resources.ssm;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceContext;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceFailure;
import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.cloudformation.resources.support.ApiService;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Common;
import dev.crossdeploy.localcloud.cloudformation.resources.support.HandlerErrors;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Names;
import dev.crossdeploy.localcloud.cloudformation.resources.support.RecordHandler;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Schema;
import dev.crossdeploy.localcloud.cloudformation.resources.support.Values;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.optional;
import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/**
 * AWS::SSM::Parameter (String and StringList; CloudFormation cannot create SecureString).
 * Ref is the parameter name; GetAtt Type and Value.
 */
public final class ParameterHandler extends RecordHandler {
    private static final int STANDARD_MAX_VALUE = 4096;

    public ParameterHandler() {
        super("AWS::SSM::Parameter", ApiService.SSM, Schema.of(
                optional("AllowedPattern", Kind.string().maxLength(1024)),
                optional("DataType", Kind.enumOf("text", "aws:ec2:image", "aws:ssm:integration")),
                optional("Description", Kind.string().maxLength(1024)),
                optional("Name", Kind.string().minLength(1).maxLength(2048)).replaces(),
                optional("Policies", Kind.string()),
                optional("Tags", Common.TAG_MAP),
                optional("Tier", Kind.enumOf("Standard", "Advanced", "Intelligent-Tiering")),
                required("Type", Kind.enumOf("String", "StringList")),
                required("Value", Kind.string())),
                "Type", "Value");
    }

    @Override
    protected String physicalId(ResourceContext ctx, Map<String, Object> props) {
        String name = Values.string(props, "Name");
        return name != null ? name : "CFN-" + ctx.logicalId() + "-" + Names.randomUpper(12);
    }

    @Override
    protected String arn(ResourceContext ctx, String name, Map<String, Object> props) {
        return "arn:aws:ssm:" + ctx.region() + ":" + ctx.accountId() + ":parameter" + (name.startsWith("/") ? "" : "/") + name;
    }

    @Override protected String createAction() { return "ssm:PutParameter"; }
    @Override protected String updateAction() { return "ssm:PutParameter"; }
    @Override protected String deleteAction() { return "ssm:DeleteParameter"; }

    @Override
    protected Map<String, Object> onCreate(ResourceContext ctx, String name, Map<String, Object> props) throws ResourceFailure {
        checkValue(props);
        return Map.of("version", 1);
    }

    @Override
    protected Map<String, Object> onUpdate(ResourceContext ctx, ResourceRecords.Entry current, Map<String, Object> oldProps,
                                           Map<String, Object> newProps) throws ResourceFailure {
        checkValue(newProps);
        return Map.of("version", ((Number) current.internal().getOrDefault("version", 1)).intValue() + 1);
    }

    @Override
    protected Map<String, Object> attributes(ResourceContext ctx, String name, Map<String, Object> props, Map<String, Object> previous) {
        return Map.of("Type", Values.string(props, "Type"), "Value", Values.string(props, "Value"));
    }

    private static void checkValue(Map<String, Object> props) throws ResourceFailure {
        String value = Values.string(props, "Value");
        String pattern = Values.string(props, "AllowedPattern");
        if (pattern != null) {
            boolean matches;
            try {
                matches = Pattern.compile(pattern).matcher(value).find();
            } catch (PatternSyntaxException e) {
                throw HandlerErrors.invalidRequest(ApiService.SSM, "Invalid AllowedPattern: " + pattern);
            }
            if (!matches) {
                throw HandlerErrors.invalidRequest(ApiService.SSM, "Parameter value, " + value
                        + ", failed to satisfy constraint specified in AllowedPattern: " + pattern + ".");
            }
        }
        if (value.length() > STANDARD_MAX_VALUE && !"Advanced".equals(Values.string(props, "Tier"))) {
            throw HandlerErrors.invalidRequest(ApiService.SSM, "Standard tier parameters support a maximum parameter value of 4096"
                    + " characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameters tier.");
        }
    }
}
