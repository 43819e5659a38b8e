package dev.crossdeploy.localcloud.cloudformation.template;

/** A template or its parameters are invalid; the message is CloudFormation's ValidationError text. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message, null, false, false);
    }
}
