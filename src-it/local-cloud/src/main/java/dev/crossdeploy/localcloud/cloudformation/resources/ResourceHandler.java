package dev.crossdeploy.localcloud.cloudformation.resources;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provisions one CloudFormation resource type as a record with the attributes templates read.
 * Property maps hold resolved template values: String, Number, Boolean, List and Map.
 * (Contract between the CloudFormation engine and the resource types.)
 */
public interface ResourceHandler {

    /** The type name, e.g. "AWS::DynamoDB::Table". */
    String type();

    /**
     * Problems with the properties, checked before provisioning; each becomes the resource's
     * CREATE_FAILED / UPDATE_FAILED reason. Empty when the properties are fine.
     */
    List<String> validate(Map<String, Object> properties);

    /**
     * The CREATE_FAILED / UPDATE_FAILED reason CloudFormation gives when {@link #validate} finds
     * problems: "Properties validation failed for resource X with message: [#: required key [Y] not found]".
     * (Added by the resource types: {@code validate} has no logical id to name.)
     */
    default Optional<String> validationFailure(String logicalId, Map<String, Object> properties) {
        List<String> problems = validate(properties);
        return problems.isEmpty() ? Optional.empty()
                : Optional.of("Properties validation failed for resource " + logicalId + " with message: " + problems);
    }

    /** Whether changing a top-level property replaces the resource, as CloudFormation documents it. */
    RequiresRecreation recreation(String property);

    /**
     * The property that names the resource when the template sets it (TableName, FunctionName,
     * ...), as the type's CloudFormation schema declares it; empty for types that are never
     * custom-named (a Lambda version, an API Gateway method).
     */
    default Optional<String> nameProperty() { return CustomNames.propertyOf(type()); }

    /**
     * Whether the type supports tags (its schema has a {@code Tags} property): CloudFormation
     * propagates the stack's tags to such resources, so a change of the stack's tags modifies each.
     */
    default boolean taggable() { return false; }

    /** Names of the attributes {@code Fn::GetAtt} may read (checked at template validation). */
    List<String> attributeNames();

    ProvisionResult create(ResourceContext ctx, Map<String, Object> properties) throws ResourceFailure;

    /** An update in place (no replacement-requiring property changed). */
    ProvisionResult update(ResourceContext ctx, ProvisionResult current, Map<String, Object> oldProperties,
                           Map<String, Object> newProperties) throws ResourceFailure;

    void delete(ResourceContext ctx, ProvisionResult current) throws ResourceFailure;

    /** CloudFormation's RequiresRecreation values. */
    enum RequiresRecreation { NEVER, CONDITIONALLY, ALWAYS }
}
