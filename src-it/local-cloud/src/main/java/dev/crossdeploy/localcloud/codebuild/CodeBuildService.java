package dev.crossdeploy.localcloud.codebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.auth.Principal;
import dev.crossdeploy.localcloud.http.AwsException;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.JsonProtocolService;
import dev.crossdeploy.localcloud.iam.Decision;
import dev.crossdeploy.localcloud.iam.DenialMessage;
import dev.crossdeploy.localcloud.s3.StoredObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CodeBuild API (JSON 1.1, {@code X-Amz-Target: CodeBuild_20161006.<Operation>}):
 * StartBuild, BatchGetBuilds, ListBuildsForProject and StopBuild, each authorized by IAM on the
 * project's ARN, with CodeBuild's error codes and texts.
 */
final class CodeBuildService extends JsonProtocolService {
    private static final int PAGE = 100;

    private final CloudState state;
    private final CodeBuildModule module;

    CodeBuildService(CloudState state, CodeBuildModule module) {
        super("CodeBuild_20161006");
        this.state = state;
        this.module = module;
    }

    static AwsException projectNotFound(String arn) {
        return new AwsException(400, "ResourceNotFoundException", "Project cannot be found: " + arn);
    }

    private static AwsException invalid(String message) {
        return new AwsException(400, "InvalidInputException", message);
    }

    @Override
    public String signingName() { return "codebuild"; }

    @Override protected String missingTokenMessage() { return "Request is missing Authentication Token"; }

    @Override
    protected JsonNode call(String operation, JsonNode body, Principal caller, CloudRequest request) {
        String region = request.region();
        return switch (operation) {
            case "StartBuild" -> startBuild(body, caller, region);
            case "BatchGetBuilds" -> batchGetBuilds(body, caller, region);
            case "ListBuildsForProject" -> listBuildsForProject(body, caller, region);
            case "StopBuild" -> stopBuild(body, caller, region);
            default -> throw unknownOperation(operation);
        };
    }

    // ---- operations ----

    private ObjectNode startBuild(JsonNode body, Principal caller, String region) {
        String name = requiredText(body, "projectName");
        String arn = Project.arn(caller.accountId(), region, name);
        authorize(caller, "codebuild:StartBuild", arn);
        Project project = module.project(caller.accountId(), region, name).orElseThrow(() -> projectNotFound(arn));

        Map<String, String> overrides = new LinkedHashMap<>();
        for (JsonNode v : body.path("environmentVariablesOverride")) {
            String type = v.path("type").asText("PLAINTEXT");
            if (!type.equals("PLAINTEXT")) {
                throw invalid("Environment variable type " + type + " is not supported by the local cloud; use PLAINTEXT");
            }
            overrides.put(requiredText(v, "name"), v.path("value").asText(""));
        }
        Duration timeout = null;
        if (body.has("timeoutInMinutesOverride")) {
            int minutes = body.path("timeoutInMinutesOverride").asInt();
            if (minutes < 5 || minutes > 2160) {
                throw invalid("Invalid timeout: timeoutInMinutesOverride must be between 5 and 2160, got " + minutes);
            }
            timeout = Duration.ofMinutes(minutes);
        }
        String sourceType = body.path("sourceTypeOverride").asText(project.sourceType());
        String location = body.path("sourceLocationOverride").asText(
                sourceType.equals(project.sourceType()) ? project.sourceLocation() : null);
        String buildspec = body.path("buildspecOverride").asText(null);
        Path input = switch (sourceType) {
            case "NO_SOURCE" -> {
                if (buildspec == null && (project.buildspec() == null || project.buildspec().isBlank())) {
                    throw invalid("Project source type NO_SOURCE requires a buildspec to be specified");
                }
                yield null;
            }
            case "S3" -> s3Source(location);
            case "CODEPIPELINE" -> throw invalid("Builds of a project with source type CODEPIPELINE are started by"
                    + " CodePipeline; override the source (sourceTypeOverride S3 or NO_SOURCE) to start one directly");
            default -> throw invalid("Source type " + sourceType + " is not supported by the local cloud's CodeBuild;"
                    + " use S3 or NO_SOURCE");
        };
        String initiator = caller.isRoot() ? "root" : caller.kind() == Principal.Kind.ASSUMED_ROLE
                ? caller.arn().substring(caller.arn().indexOf("assumed-role/") + "assumed-role/".length()) : caller.arn();
        BuildRequest request = new BuildRequest(input, overrides, buildspec, initiator, timeout,
                body.path("sourceVersion").asText(null));
        Build build = module.launch(project, request, sourceType, location);
        ObjectNode out = JSON.createObjectNode();
        out.set("build", BuildJson.of(build, state));
        return out;
    }

    private Path s3Source(String location) {
        if (location == null || !location.contains("/")) {
            throw invalid("Invalid source location: an S3 source is <bucket>/<key>, got '" + location + "'");
        }
        String bucket = location.substring(0, location.indexOf('/'));
        String key = location.substring(location.indexOf('/') + 1);
        Optional<StoredObject> object = state.s3().object(bucket, key);
        if (object.isEmpty()) throw invalid("Invalid source location: no S3 object " + location);
        return object.get().file();
    }

    private ObjectNode batchGetBuilds(JsonNode body, Principal caller, String region) {
        JsonNode ids = body.path("ids");
        if (!ids.isArray() || ids.isEmpty()) throw invalid("The input build ID list cannot be empty.");
        if (ids.size() > 100) {
            throw invalid("1 validation error detected: Value at 'ids' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 100");
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode found = out.putArray("builds");
        ArrayNode missing = out.putArray("buildsNotFound");
        for (JsonNode idNode : ids) {
            String id = idNode.asText();
            if (id.startsWith("arn:")) id = id.substring(id.indexOf(":build/") + ":build/".length());
            Optional<Build> build = module.build(caller.accountId(), region, id);
            if (build.isEmpty()) {
                missing.add(idNode.asText());
                continue;
            }
            authorize(caller, "codebuild:BatchGetBuilds", build.get().project().arn());
            found.add(BuildJson.of(build.get(), state));
        }
        return out;
    }

    private ObjectNode listBuildsForProject(JsonNode body, Principal caller, String region) {
        String name = requiredText(body, "projectName");
        String arn = Project.arn(caller.accountId(), region, name);
        authorize(caller, "codebuild:ListBuildsForProject", arn);
        if (module.project(caller.accountId(), region, name).isEmpty()) throw projectNotFound(arn);
        String order = body.path("sortOrder").asText("DESCENDING");
        if (!order.equals("ASCENDING") && !order.equals("DESCENDING")) {
            throw invalid("1 validation error detected: Value '" + order + "' at 'sortOrder' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [ASCENDING, DESCENDING]");
        }
        List<Build> builds = new ArrayList<>(module.builds(caller.accountId(), region, name));
        if (order.equals("ASCENDING")) Collections.reverse(builds);
        int from = 0;
        String token = body.path("nextToken").asText(null);
        if (token != null) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw invalid("Invalid pagination token");
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode ids = out.putArray("ids");
        builds.stream().skip(from).limit(PAGE).forEach(b -> ids.add(b.id()));
        if (from + PAGE < builds.size()) out.put("nextToken", Integer.toString(from + PAGE));
        return out;
    }

    private ObjectNode stopBuild(JsonNode body, Principal caller, String region) {
        String id = requiredText(body, "id");
        if (!id.contains(":")) throw invalid("Invalid build ID provided");
        String projectName = id.substring(0, id.indexOf(':'));
        authorize(caller, "codebuild:StopBuild", Project.arn(caller.accountId(), region, projectName));
        Build build = module.build(caller.accountId(), region, id).orElseThrow(() ->
                new AwsException(400, "ResourceNotFoundException", "Build not found for id: " + id));
        module.stop(build, caller.arn());
        ObjectNode out = JSON.createObjectNode();
        out.set("build", BuildJson.of(build, state));
        return out;
    }

    // ---- helpers ----

    private void authorize(Principal caller, String action, String resourceArn) {
        Decision d = state.iam().evaluator().evaluate(caller, action, resourceArn, caller.accountId(), null, Map.of());
        if (d.allowed()) return;
        throw new AwsException(400, "AccessDeniedException", DenialMessage.of(caller, action, resourceArn, d));
    }

    private static String requiredText(JsonNode body, String field) {
        String v = body.path(field).asText(null);
        if (v == null || v.isEmpty()) {
            throw invalid("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }
}
