package dev.crossdeploy.localcloud.http;

import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.xml.Xml;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the services that speak AWS's query protocol (form-encoded {@code Action=...} in,
 * XML out): STS, IAM and CloudFormation. Subclasses register one handler per action; each
 * handler writes the inside of {@code <ActionResult>}.
 */
public abstract class QueryProtocolService implements AwsService {

    /** Writes the children of the {@code <ActionResult>} element; may write nothing. */
    @FunctionalInterface
    public interface Action {
        void handle(QueryParams params, Principal caller, Xml result);
    }

    private final Map<String, Action> actions = new LinkedHashMap<>();
    private final String signingName;
    private final String xmlns;

    protected QueryProtocolService(String signingName, String xmlns) {
        this.signingName = signingName;
        this.xmlns = xmlns;
    }

    @Override
    public final String signingName() { return signingName; }

    protected final void action(String name, Action handler) { actions.put(name, handler); }

    /** Parameters from the form body and the query string (query string first, body wins). */
    public static QueryParams params(CloudRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        request.queryParams().forEach((k, v) -> values.put(k, v.get(0)));
        if (!"GET".equals(request.method())) {
            String body = new String(request.bodyBytes(), StandardCharsets.UTF_8);
            CloudRequest.parseForm(body).forEach((k, v) -> values.put(k, v.get(0)));
        }
        return new QueryParams(values);
    }

    @Override
    public String actionOf(CloudRequest request) {
        return params(request).action();
    }

    @Override
    public CloudResponse handle(CloudRequest request, Principal caller) {
        QueryParams params = params(request);
        String name = params.action();
        if (name == null || name.isEmpty()) {
            throw new AwsException(400, "MissingAction", "Missing Action");
        }
        Action handler = actions.get(name);
        if (handler == null) {
            throw new AwsException(400, "InvalidAction",
                    "Could not find operation " + name + " for version " + params.get("Version", ""));
        }
        Xml result = new Xml();
        handler.handle(params, caller, result);
        Xml doc = new Xml().open(name + "Response", xmlns);
        // Always present, even empty: botocore looks the result wrapper up and fails without it.
        doc.open(name + "Result").raw(result.toString()).close();
        doc.open("ResponseMetadata").leaf("RequestId", request.requestId()).close();
        return CloudResponse.xml(200, doc.toString());
    }

    @Override
    public CloudResponse error(AwsException error, CloudRequest request) {
        return queryError(error, request.requestId(), xmlns);
    }

    /** AWS's query-protocol error document; {@code xmlns} null for an error no service owns. */
    public static CloudResponse queryError(AwsException error, String requestId, String xmlns) {
        Xml x = (xmlns == null ? new Xml().open("ErrorResponse") : new Xml().open("ErrorResponse", xmlns))
                .open("Error")
                .leaf("Type", error.senderFault() ? "Sender" : "Receiver")
                .leaf("Code", error.code())
                .leaf("Message", error.getMessage())
                .close()
                .leaf("RequestId", requestId);
        return CloudResponse.xml(error.status(), x.toString());
    }

    /** Names of all registered actions, for tests and docs. */
    public List<String> actionNames() { return List.copyOf(actions.keySet()); }
}
