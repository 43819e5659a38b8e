package dev.crossdeploy.localcloud.cloudformation.resources.support;

import static dev.crossdeploy.localcloud.cloudformation.resources.support.Prop.required;

/** Property structures many resource types share. */
public final class Common {
    private Common() {}

    /** Tags as a list of {Key, Value}. */
    public static final Kind TAGS = Kind.listOf(Kind.object(
            required("Key", Kind.string().minLength(1).maxLength(128)),
            required("Value", Kind.string().maxLength(256))));

    /** Tags as an object of key to value (SSM parameters). */
    public static final Kind TAG_MAP = Kind.mapOf(Kind.string());

    /** The name part of an ARN or a plain name ("arn:aws:iam::1:role/a/b" → "b"). */
    public static String lastSegment(String nameOrArn) {
        if (nameOrArn == null) return null;
        int slash = nameOrArn.lastIndexOf('/');
        if (nameOrArn.startsWith("arn:") && slash >= 0) return nameOrArn.substring(slash + 1);
        if (nameOrArn.startsWith("arn:")) return nameOrArn.substring(nameOrArn.lastIndexOf(':') + 1);
        return nameOrArn;
    }
}
