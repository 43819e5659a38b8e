package dev.crossdeploy.stack;

/**
 * A parameter the template declares.
 *
 * @param name       its logical name
 * @param type       its declared Type (String, Number, AWS::SSM::Parameter::Value&lt;String&gt;, ...)
 * @param hasDefault whether the template gives a Default, so a value is optional
 * @param noEcho     whether its value must never be shown
 */
public record TemplateParameter(String name, String type, boolean hasDefault, boolean noEcho) {}
