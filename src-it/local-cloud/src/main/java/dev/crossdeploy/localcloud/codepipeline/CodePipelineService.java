package dev.crossdeploy.localcloud.codepipeline;

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

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CodePipeline API (JSON 1.1, {@code X-Amz-Target: CodePipeline_20150709.<Operation>}):
 * StartPipelineExecution, GetPipeline, GetPipelineState, GetPipelineExecution,
 * ListPipelineExecutions, ListActionExecutions, PutApprovalResult and StopPipelineExecution,
 * each authorised by IAM on the pipeline's ARN, with CodePipeline's error codes and texts.
 */
final class CodePipelineService extends JsonProtocolService {
    private static final String TOKEN_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final CloudState state;
    private final CodePipelineModule module;

    CodePipelineService(CloudState state, CodePipelineModule module) {
        super("CodePipeline_20150709");
        this.state = state;
        this.module = module;
    }

    @Override
    public String signingName() { return "codepipeline"; }

    @Override
    protected String missingTokenMessage() { return "Request is missing Authentication Token"; }

    @Override
    protected JsonNode call(String operation, JsonNode body, Principal caller, CloudRequest request) {
        String region = request.region();
        ObjectNode out = switch (operation) {
            case "StartPipelineExecution" -> startPipelineExecution(body, caller, region);
            case "GetPipeline" -> getPipeline(body, caller, region);
            case "GetPipelineState" -> getPipelineState(body, caller, region);
            case "GetPipelineExecution" -> getPipelineExecution(body, caller, region);
            case "ListPipelineExecutions" -> listPipelineExecutions(body, caller, region);
            case "ListActionExecutions" -> listActionExecutions(body, caller, region);
            case "PutApprovalResult" -> putApprovalResult(body, caller, region);
            case "StopPipelineExecution" -> stopPipelineExecution(body, caller, region);
            default -> throw unknownOperation(operation);
        };
        return out;
    }

    // ---- operations ----

    private ObjectNode startPipelineExecution(JsonNode body, Principal caller, String region) {
        String name = requiredText(body, "name");
        authorize(caller, "codepipeline:StartPipelineExecution", arn(caller, region, name));
        PipelineExecution e = module.start(caller.accountId(), region, name, "StartPipelineExecution", caller.arn());
        return JSON.createObjectNode().put("pipelineExecutionId", e.id());
    }

    private ObjectNode getPipeline(JsonNode body, Principal caller, String region) {
        String name = requiredText(body, "name");
        String arn = arn(caller, region, name);
        authorize(caller, "codepipeline:GetPipeline", arn);
        PipelineDefinition p = module.require(caller.accountId(), region, name);
        if (body.hasNonNull("version") && body.path("version").asInt() != p.version()) {
            throw new AwsException(400, "PipelineVersionNotFoundException",
                    "Pipeline version " + body.path("version").asInt() + " does not exist for pipeline " + name);
        }
        ObjectNode out = JSON.createObjectNode();
        out.set("pipeline", PipelineJson.declaration(p));
        ObjectNode metadata = out.putObject("metadata");
        metadata.put("pipelineArn", p.arn());
        metadata.put("created", PipelineJson.epoch(p.created()));
        metadata.put("updated", PipelineJson.epoch(p.created()));
        return out;
    }

    private ObjectNode getPipelineState(JsonNode body, Principal caller, String region) {
        String name = requiredText(body, "name");
        authorize(caller, "codepipeline:GetPipelineState", arn(caller, region, name));
        PipelineDefinition p = module.require(caller.accountId(), region, name);
        return PipelineJson.state(p, module.runs(caller.accountId(), region, name));
    }

    private ObjectNode getPipelineExecution(JsonNode body, Principal caller, String region) {
        String name = requiredText(body, "pipelineName");
        String id = requiredText(body, "pipelineExecutionId");
        authorize(caller, "codepipeline:GetPipelineExecution", arn(caller, region, name));
        module.require(caller.accountId(), region, name);
        PipelineExecution e = execution(caller, region, name, id);
        ObjectNode out = JSON.createObjectNode();
        out.set("pipelineExecution", PipelineJson.execution(e));
        return out;
    }

    private ObjectNode listPipelineExecutions(JsonNode body, Principal caller, String region) {
        String name = requiredText(body, "pipelineName");
        authorize(caller, "codepipeline:ListPipelineExecutions", arn(caller, region, name));
        module.require(caller.accountId(), region, name);
        List<PipelineExecution> all = module.runs(caller.accountId(), region, name).newestFirst();
        int max = body.path("maxResults").asInt(100);
        int from = fromToken(body);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode summaries = out.putArray("pipelineExecutionSummaries");
        all.stream().skip(from).limit(max).forEach(e -> summaries.add(PipelineJson.summary(e)));
        if (from + max < all.size()) out.put("nextToken", Integer.toString(from + max));
        return out;
    }

    private ObjectNode listActionExecutions(JsonNode body, Principal caller, String region) {
        String name = requiredText(body, "pipelineName");
        authorize(caller, "codepipeline:ListActionExecutions", arn(caller, region, name));
        module.require(caller.accountId(), region, name);
        String only = body.path("filter").path("pipelineExecutionId").asText(null);
        List<PipelineExecution> executions = only == null ? module.runs(caller.accountId(), region, name).newestFirst()
                : List.of(execution(caller, region, name, only));
        List<ActionRun> actions = new java.util.ArrayList<>();
        for (PipelineExecution e : executions) e.stages().forEach(s -> actions.addAll(s.actions()));
        actions.sort(java.util.Comparator.comparing(ActionRun::startTime).reversed());
        int max = body.path("maxResults").asInt(100);
        int from = fromToken(body);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode details = out.putArray("actionExecutionDetails");
        Map<String, PipelineExecution> byId = new java.util.HashMap<>();
        executions.forEach(e -> byId.put(e.id(), e));
        actions.stream().skip(from).limit(max).forEach(a -> details.add(PipelineJson.actionDetail(byId.get(a.pipelineExecutionId()), a)));
        if (from + max < actions.size()) out.put("nextToken", Integer.toString(from + max));
        return out;
    }

    private ObjectNode putApprovalResult(JsonNode body, Principal caller, String region) {
        String name = requiredText(body, "pipelineName");
        String stageName = requiredText(body, "stageName");
        String actionName = requiredText(body, "actionName");
        String token = requiredText(body, "token");
        JsonNode result = body.path("result");
        String status = result.path("status").asText(null);
        String summary = result.path("summary").asText(null);
        if (status == null || summary == null) {
            throw validation("Value null at 'result." + (status == null ? "status" : "summary")
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!token.matches(TOKEN_PATTERN)) {
            throw validation("Value '" + token + "' at 'token' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: " + TOKEN_PATTERN);
        }
        if (!status.equals("Approved") && !status.equals("Rejected")) {
            throw validation("Value '" + status + "' at 'result.status' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [Approved, Rejected]");
        }
        authorize(caller, "codepipeline:PutApprovalResult", arn(caller, region, name) + "/" + stageName + "/" + actionName);
        PipelineDefinition p = module.require(caller.accountId(), region, name);
        PipelineDefinition.Stage stage = p.stages().stream().filter(s -> s.name().equals(stageName)).findFirst().orElseThrow(() ->
                new AwsException(400, "StageNotFoundException", "Stage " + stageName + " does not exist in pipeline " + name));
        PipelineDefinition.Action action = stage.actions().stream().filter(a -> a.name().equals(actionName)).findFirst()
                .orElseThrow(() -> new AwsException(400, "ActionNotFoundException",
                        "Action " + actionName + " does not exist in stage " + stageName + " of pipeline " + name));
        if (!action.category().equals("Approval")) {
            throw new AwsException(400, "InvalidApprovalTokenException",
                    "Action " + actionName + " in stage " + stageName + " of pipeline " + name + " is not an approval action");
        }
        for (PipelineExecution e : module.runs(caller.accountId(), region, name).newestFirst()) {
            Optional<StageRun> s = e.stage(stageName);
            if (s.isEmpty()) continue;
            for (ActionRun run : s.get().actions()) {
                if (!run.action().name().equals(actionName)) continue;
                if (run.token().filter(token::equals).isPresent()) {
                    if (!run.approval().complete(new ActionRun.ApprovalResult(status, summary, caller.arn()))) {
                        throw approvalCompleted(stageName, actionName, name);
                    }
                    return JSON.createObjectNode().put("approvedAt", PipelineJson.epoch(state.clock().instant()));
                }
                if (run.approval().isDone() && run.isComplete() && run.approvalToken().filter(token::equals).isPresent()) {
                    throw approvalCompleted(stageName, actionName, name);
                }
            }
        }
        throw new AwsException(400, "InvalidApprovalTokenException", "The token for the approval action " + actionName
                + " in stage " + stageName + " of pipeline " + name + " is not valid: " + token);
    }

    private static AwsException approvalCompleted(String stageName, String actionName, String name) {
        return new AwsException(400, "ApprovalAlreadyCompletedException", "The approval action " + actionName
                + " in stage " + stageName + " of pipeline " + name + " has already been completed");
    }

    private ObjectNode stopPipelineExecution(JsonNode body, Principal caller, String region) {
        String name = requiredText(body, "pipelineName");
        String id = requiredText(body, "pipelineExecutionId");
        authorize(caller, "codepipeline:StopPipelineExecution", arn(caller, region, name));
        module.require(caller.accountId(), region, name);
        PipelineExecution e = execution(caller, region, name, id);
        if (!e.status().equals("InProgress") && !(e.status().equals("Stopping") && body.path("abandon").asBoolean(false))) {
            throw new AwsException(400, "PipelineExecutionNotStoppableException",
                    "Unable to stop pipeline execution " + id + " in status " + e.status());
        }
        module.stop(e, module.runs(caller.accountId(), region, name), body.path("abandon").asBoolean(false),
                body.path("reason").asText(null));
        return JSON.createObjectNode().put("pipelineExecutionId", id);
    }

    // ---- helpers ----

    private PipelineExecution execution(Principal caller, String region, String name, String id) {
        return module.runs(caller.accountId(), region, name).find(id).orElseThrow(() ->
                new AwsException(400, "PipelineExecutionNotFoundException",
                        "Pipeline execution ID " + id + " does not exist in pipeline " + name));
    }

    private static String arn(Principal caller, String region, String name) {
        return "arn:aws:codepipeline:" + region + ":" + caller.accountId() + ":" + name;
    }

    private static int fromToken(JsonNode body) {
        String token = body.path("nextToken").asText(null);
        if (token == null) return 0;
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new AwsException(400, "InvalidNextTokenException", "The next token is not valid");
        }
    }

    private void authorize(Principal caller, String action, String resourceArn) {
        Decision d = state.iam().evaluator().evaluate(caller, action, resourceArn, caller.accountId(), null, Map.of());
        if (d.allowed()) return;
        throw new AwsException(400, "AccessDeniedException", DenialMessage.of(caller, action, resourceArn, d));
    }

    private static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", "1 validation error detected: " + message);
    }

    private static String requiredText(JsonNode body, String field) {
        String v = body.path(field).asText(null);
        if (v == null || v.isEmpty()) throw validation("Value null at '" + field + "' failed to satisfy constraint: Member must not be null");
        return v;
    }
}
