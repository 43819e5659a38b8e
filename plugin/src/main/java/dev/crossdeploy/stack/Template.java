package dev.crossdeploy.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.input.ParseErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CloudFormation template as read from disk: its exact text (sent unchanged) and what the
 * engine needs to know about it — declared parameters, resources and whether it uses macros.
 * Short-form intrinsic tags ({@code !Ref}, {@code !Sub}) are read as plain values; the engine
 * never evaluates the template.
 */
public final class Template {
    /** Largest TemplateBody CloudFormation accepts inline; bigger templates go by TemplateURL. */
    public static final int MAX_BODY_BYTES = 51_200;
    /** Largest template CloudFormation reads from S3 (1 MB); checked here, before anything is uploaded. */
    public static final int MAX_URL_BYTES = 1_048_576;
    /** A Java handler as Lambda names it: {@code pkg.Class::method}. */
    private static final java.util.regex.Pattern JAVA_HANDLER =
            java.util.regex.Pattern.compile("([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)::[A-Za-z_$][\\w$]*");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final String body;
    private final int sizeBytes;
    private final String sha256;
    private final Map<String, TemplateParameter> parameters;
    private final Map<String, JsonNode> resources;
    private final boolean usesMacros;
    private final Map<String, String> javaHandlers;

    private Template(Path path, byte[] bytes, JsonNode root) {
        this.path = path;
        this.body = new String(bytes, StandardCharsets.UTF_8);
        this.sizeBytes = bytes.length;
        this.sha256 = sha256(bytes);
        this.parameters = readParameters(root.path("Parameters"));
        this.resources = readResources(root.path("Resources"));
        this.usesMacros = root.has("Transform") || containsKey(root, "Fn::Transform");
        this.javaHandlers = readJavaHandlers(root);
    }

    /**
     * Reads and checks a template file.
     *
     * @throws CrossdeployException when the file is missing, unreadable as YAML/JSON, or has no Resources
     */
    public static Template load(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new CrossdeployException("Template not found: " + path
                    + " (set crossdeploy.template or create it)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + path, e);
        }
        if (bytes.length > MAX_URL_BYTES) {
            throw new CrossdeployException("Template " + path + " is " + bytes.length + " bytes, over CloudFormation's limit of "
                    + MAX_URL_BYTES + " bytes (1 MB) even for a template read from S3; move large inline code or"
                    + " policies out of it or split it into nested stacks.");
        }
        JsonNode root;
        try {
            ObjectMapper mapper = path.getFileName().toString().toLowerCase().endsWith(".json") ? JSON : YAML;
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new CrossdeployException("Template " + path + " is not valid " + (path.toString().endsWith(".json") ? "JSON" : "YAML")
                    + ParseErrors.describe(e) + "; fix it there.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + path, e);
        }
        if (root == null || !root.isObject() || !root.path("Resources").isObject() || root.path("Resources").isEmpty()) {
            throw new CrossdeployException("Template " + path + " declares no Resources; a CloudFormation template needs at least one");
        }
        return new Template(path, bytes, root);
    }

    public Path path() { return path; }

    /** The template's text exactly as on disk. */
    public String body() { return body; }

    public int sizeBytes() { return sizeBytes; }

    /** Hex SHA-256 of the template's bytes. */
    public String sha256() { return sha256; }

    /** Whether the template is too big for TemplateBody and must go by TemplateURL. */
    public boolean needsUpload() { return sizeBytes > MAX_BODY_BYTES; }

    /** Declared parameters by name, in template order. */
    public Map<String, TemplateParameter> parameters() { return parameters; }

    /** Resource types by logical id, in template order. */
    public Map<String, String> resourceTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        resources.forEach((id, node) -> types.put(id, node.path("Type").asText("")));
        return Collections.unmodifiableMap(types);
    }

    /** Whether a resource sets a top-level property (e.g. RoleName). */
    public boolean resourceHasProperty(String logicalId, String property) {
        JsonNode node = resources.get(logicalId);
        return node != null && node.path("Properties").has(property);
    }

    /** Whether the template declares a Transform or uses Fn::Transform. */
    public boolean usesMacros() { return usesMacros; }

    /**
     * Java handlers ({@code pkg.Class::method}) of the template's functions by logical id, for
     * those that take their code from the artifact rather than inline ({@code ZipFile}/{@code InlineCode}).
     * A handler written as an intrinsic ({@code !Ref}) is not known before deployment and is left out.
     */
    public Map<String, String> javaHandlers() { return javaHandlers; }

    /** The class a Java handler names: {@code pkg.Class} of {@code pkg.Class::method}. */
    public static String handlerClass(String handler) {
        java.util.regex.Matcher m = JAVA_HANDLER.matcher(handler);
        return m.matches() ? m.group(1) : null;
    }

    private static Map<String, String> readJavaHandlers(JsonNode root) {
        String globalHandler = root.path("Globals").path("Function").path("Handler").asText(null);
        Map<String, String> result = new LinkedHashMap<>();
        root.path("Resources").fields().forEachRemaining(e -> {
            String type = e.getValue().path("Type").asText("");
            if (!type.equals("AWS::Lambda::Function") && !type.equals("AWS::Serverless::Function")) return;
            JsonNode props = e.getValue().path("Properties");
            if (props.path("Code").has("ZipFile") || props.has("InlineCode")) return;
            JsonNode handler = props.has("Handler") ? props.get("Handler") : null;
            String text = handler == null ? (type.startsWith("AWS::Serverless") ? globalHandler : null)
                    : handler.isTextual() ? handler.asText() : null;
            if (text != null && handlerClass(text.trim()) != null) result.put(e.getKey(), text.trim());
        });
        return Collections.unmodifiableMap(result);
    }

    private static Map<String, TemplateParameter> readParameters(JsonNode node) {
        Map<String, TemplateParameter> result = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            result.put(e.getKey(), new TemplateParameter(e.getKey(), p.path("Type").asText("String"),
                    p.has("Default"), p.path("NoEcho").asText("false").equalsIgnoreCase("true")));
        });
        return Collections.unmodifiableMap(result);
    }

    private static Map<String, JsonNode> readResources(JsonNode node) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(result);
    }

    private static boolean containsKey(JsonNode node, String key) {
        if (node.isObject()) {
            if (node.has(key)) return true;
            for (JsonNode child : node) if (containsKey(child, key)) return true;
        } else if (node.isArray()) {
            for (JsonNode child : node) if (containsKey(child, key)) return true;
        }
        return false;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
