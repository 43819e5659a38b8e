package dev.crossdeploy.localcloud.cloudformation.resources.iam;

import dev.crossdeploy.localcloud.cloudformation.resources.support.Kind;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/** Structures the IAM resource types share. */
final class IamSchemas {
    private IamSchemas() {}

    static final Kind INLINE_POLICY = Kind.object(
            required("PolicyDocument", Kind.json()),
            required("PolicyName", Kind.string().minLength(1).maxLength(128)));
}
