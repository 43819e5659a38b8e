package dev.crossdeploy.localcloud.apigateway;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A method's Lambda proxy integration: the function it calls and how long API Gateway waits.
 * The Uri is {@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations};
 * the function ARN may carry a qualifier ({@code :live}) or stage variables ({@code ${stageVariables.alias}}).
 */
record LambdaProxyIntegration(String functionArn, long timeoutMillis) {
    /** API Gateway's default (and, for REST APIs, usual maximum) integration timeout. */
    static final long DEFAULT_TIMEOUT_MILLIS = 29_000;

    private static final Pattern URI = Pattern.compile(
            "^arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(.+)/invocations$");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

    /** Why a method cannot be served as a Lambda proxy integration. */
    static final class Unsupported extends Exception {
        Unsupported(String message) { super(message); }
    }

    /**
     * The integration of {@code method}, its stage variables substituted.
     *
     * @throws Unsupported when the method has no AWS_PROXY integration on a Lambda function, or
     *                     names a stage variable the stage does not define
     */
    static LambdaProxyIntegration of(ApiMethod method, String resourcePath, Map<String, String> stageVariables) throws Unsupported {
        String route = method.httpMethod() + " " + resourcePath;
        Map<String, Object> integration = method.integration();
        if (integration.isEmpty()) throw new Unsupported("No integration defined for method " + route);
        Object type = integration.get("Type");
        if (!"AWS_PROXY".equals(type)) {
            throw new Unsupported("The local cloud serves only AWS_PROXY (Lambda proxy) integrations; method "
                    + route + " has a " + type + " integration");
        }
        Matcher uri = URI.matcher(String.valueOf(integration.get("Uri")));
        if (!uri.matches()) {
            throw new Unsupported("The local cloud serves AWS_PROXY integrations on Lambda functions only; method "
                    + route + " calls " + integration.get("Uri"));
        }
        String functionArn = substitute(uri.group(1), stageVariables);
        long timeout = Optional.ofNullable(integration.get("TimeoutInMillis"))
                .map(t -> Long.parseLong(t.toString())).orElse(DEFAULT_TIMEOUT_MILLIS);
        return new LambdaProxyIntegration(functionArn, timeout);
    }

    private static String substitute(String arn, Map<String, String> variables) throws Unsupported {
        Matcher m = STAGE_VARIABLE.matcher(arn);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables == null ? null : variables.get(m.group(1));
            if (value == null) throw new Unsupported("Stage variable " + m.group(1) + " is not defined for this stage");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
