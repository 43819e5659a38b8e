package dev.crossdeploy.localcloud.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.http.CloudRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event API Gateway sends a Lambda proxy integration of a REST API (payload format 1.0),
 * as a Java handler reads it with {@code APIGatewayProxyRequestEvent}.
 * <p>
 * Header names: the cloud's HTTP server does not keep the case a client sent, so names are given
 * in the usual capitalised form ({@code Content-Type}, {@code X-Custom-Header}).
 */
final class ProxyEvent {
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ProxyEvent() {}

    /**
     * What the event describes besides the request itself.
     *
     * @param path the request's path below the stage, as sent (percent-encoded, as REST APIs pass it)
     */
    record Context(DeployedStage stage, DeployedStage.Route route, String path, String requestId, String extendedRequestId,
                   String traceId, Instant time, int localPort) {}

    static ObjectNode build(ObjectMapper json, CloudRequest request, byte[] body, Context c) {
        ObjectNode event = json.createObjectNode();
        event.put("resource", c.route().resource().path());
        event.put("path", c.path());
        event.put("httpMethod", request.method());
        Map<String, List<String>> headers = headers(request, c);
        if (headers.isEmpty()) {
            event.putNull("headers");
            event.putNull("multiValueHeaders");
        } else {
            ObjectNode single = event.putObject("headers");
            ObjectNode multi = event.putObject("multiValueHeaders");
            headers.forEach((name, values) -> {
                // As in AWS, the single-value map keeps the last value of a repeated header.
                single.put(name, values.get(values.size() - 1));
                values.forEach(multi.putArray(name)::add);
            });
        }
        Map<String, List<String>> query = request.queryParams();
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode single = event.putObject("queryStringParameters");
            ObjectNode multi = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                single.put(name, values.get(values.size() - 1));
                values.forEach(multi.putArray(name)::add);
            });
        }
        putMap(event, "pathParameters", c.route().pathParameters());
        putMap(event, "stageVariables", c.stage().variables());
        event.set("requestContext", requestContext(json, request, c));
        boolean binary = body.length > 0 && MediaTypes.isBinary(request.header("Content-Type"), c.stage().binaryMediaTypes());
        if (body.length == 0) {
            event.putNull("body");
        } else {
            event.put("body", binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", binary);
        return event;
    }

    private static ObjectNode requestContext(ObjectMapper json, CloudRequest request, Context c) {
        DeployedStage stage = c.stage();
        ObjectNode ctx = json.createObjectNode();
        ctx.put("resourceId", c.route().resource().id());
        ctx.put("resourcePath", c.route().resource().path());
        ctx.put("httpMethod", request.method());
        ctx.put("extendedRequestId", c.extendedRequestId());
        ctx.put("requestTime", REQUEST_TIME.format(c.time()));
        ctx.put("path", "/" + stage.stageName() + c.path());
        ctx.put("accountId", stage.accountId());
        ctx.put("protocol", "HTTP/1.1");
        ctx.put("stage", stage.stageName());
        ctx.put("domainPrefix", stage.apiId());
        ctx.put("requestTimeEpoch", c.time().toEpochMilli());
        ctx.put("requestId", c.requestId());
        ObjectNode identity = ctx.putObject("identity");
        for (String field : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller")) identity.putNull(field);
        identity.put("sourceIp", sourceIp(request));
        for (String field : List.of("principalOrgId", "accessKey", "cognitoAuthenticationType", "cognitoAuthenticationProvider",
                "userArn")) identity.putNull(field);
        identity.put("userAgent", request.header("User-Agent"));
        identity.putNull("user");
        ctx.put("domainName", domainName(stage));
        ctx.put("deploymentId", stage.deployment().physicalId());
        ctx.put("apiId", stage.apiId());
        return ctx;
    }

    static String domainName(DeployedStage stage) {
        return stage.apiId() + ".execute-api." + stage.region() + ".amazonaws.com";
    }

    /** The client's headers plus those API Gateway adds on its way to the integration. */
    private static Map<String, List<String>> headers(CloudRequest request, Context c) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (!values.isEmpty()) out.put(capitalised(name), List.copyOf(values));
        });
        out.putIfAbsent("X-Amzn-Trace-Id", List.of(c.traceId()));
        out.putIfAbsent("X-Forwarded-For", List.of(sourceIp(request)));
        out.putIfAbsent("X-Forwarded-Port", List.of(Integer.toString(c.localPort())));
        out.putIfAbsent("X-Forwarded-Proto", List.of("http"));
        return out;
    }

    /** The cloud listens on loopback; a client behind a proxy says who it is in X-Forwarded-For. */
    private static String sourceIp(CloudRequest request) {
        String forwarded = request.header("X-Forwarded-For");
        return forwarded == null ? "127.0.0.1" : forwarded.split(",")[0].trim();
    }

    /** "x-custom-header" into "X-Custom-Header". */
    static String capitalised(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char ch : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
            upper = ch == '-';
        }
        return out.toString();
    }

    private static void putMap(ObjectNode event, String field, Map<String, String> values) {
        if (values == null || values.isEmpty()) {
            event.putNull(field);
        } else {
            ObjectNode node = event.putObject(field);
            values.forEach(node::put);
        }
    }
}
