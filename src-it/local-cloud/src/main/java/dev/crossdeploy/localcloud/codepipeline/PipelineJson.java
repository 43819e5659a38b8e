package dev.crossdeploy.localcloud.codepipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The CodePipeline API's shapes: a pipeline's declaration, its state, executions and action executions. */
final class PipelineJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineJson() {}

    /** Epoch seconds with milliseconds, as JSON 1.1 timestamps are. */
    static BigDecimal epoch(Instant t) { return BigDecimal.valueOf(t.toEpochMilli(), 3); }

    static ObjectNode declaration(PipelineDefinition p) {
        ObjectNode out = JSON.createObjectNode();
        out.put("name", p.name());
        out.put("roleArn", p.roleArn());
        ObjectNode store = out.putObject("artifactStore");
        store.put("type", "S3");
        store.put("location", p.artifactBucket());
        if (p.artifactStore().get("EncryptionKey") instanceof java.util.Map<?, ?> key) {
            ObjectNode k = store.putObject("encryptionKey");
            k.put("id", String.valueOf(key.get("Id")));
            k.put("type", String.valueOf(key.get("Type")));
        }
        ArrayNode stages = out.putArray("stages");
        for (PipelineDefinition.Stage s : p.stages()) {
            ObjectNode stage = stages.addObject();
            stage.put("name", s.name());
            ArrayNode actions = stage.putArray("actions");
            for (PipelineDefinition.Action a : s.actions()) {
                ObjectNode action = actions.addObject();
                action.put("name", a.name());
                action.set("actionTypeId", actionTypeId(a));
                action.put("runOrder", a.runOrder());
                ObjectNode config = action.putObject("configuration");
                a.configuration().forEach(config::put);
                ArrayNode outputs = action.putArray("outputArtifacts");
                a.outputArtifacts().forEach(n -> outputs.addObject().put("name", n));
                ArrayNode inputs = action.putArray("inputArtifacts");
                a.inputArtifacts().forEach(n -> inputs.addObject().put("name", n));
                if (a.roleArn() != null) action.put("roleArn", a.roleArn());
                if (a.namespace() != null) action.put("namespace", a.namespace());
            }
        }
        out.put("version", p.version());
        out.put("executionMode", p.executionMode());
        out.put("pipelineType", p.pipelineType());
        return out;
    }

    private static ObjectNode actionTypeId(PipelineDefinition.Action a) {
        ObjectNode type = JSON.createObjectNode();
        type.put("category", a.category());
        type.put("owner", a.owner());
        type.put("provider", a.provider());
        type.put("version", a.typeVersion());
        return type;
    }

    static ObjectNode state(PipelineDefinition p, PipelineRuns runs) {
        ObjectNode out = JSON.createObjectNode();
        out.put("pipelineName", p.name());
        out.put("pipelineVersion", p.version());
        ArrayNode stages = out.putArray("stageStates");
        for (PipelineDefinition.Stage s : p.stages()) {
            ObjectNode stage = stages.addObject();
            stage.put("stageName", s.name());
            stage.putObject("inboundTransitionState").put("enabled", true);
            Optional<StageRun> latest = runs.latestStage(s.name());
            Optional<PipelineExecution> execution = runs.latestIn(s.name());
            ArrayNode actions = stage.putArray("actionStates");
            for (PipelineDefinition.Action a : s.actions()) {
                ObjectNode action = actions.addObject();
                action.put("actionName", a.name());
                Optional<ActionRun> run = latest.flatMap(l -> l.actions().stream().filter(r -> r.action().name().equals(a.name())).findFirst());
                if (run.isPresent()) {
                    action.set("latestExecution", latestActionExecution(run.get(), !p.executionMode().equals("PARALLEL")));
                    if (a.category().equals("Source") && execution.isPresent() && !execution.get().sourceRevisions().isEmpty()) {
                        PipelineExecution.SourceRevision r = execution.get().sourceRevisions().get(0);
                        ObjectNode revision = action.putObject("currentRevision");
                        revision.put("revisionId", r.revisionId());
                        revision.put("revisionChangeId", r.revisionId());
                    }
                }
                if (a.provider().equals("CodeBuild")) {
                    action.put("entityUrl", "https://console.aws.amazon.com/codebuild/home?region=" + p.region()
                            + "#/projects/" + a.configuration().get("ProjectName") + "/view");
                }
            }
            if (latest.isPresent() && execution.isPresent()) {
                ObjectNode le = stage.putObject("latestExecution");
                le.put("pipelineExecutionId", execution.get().id());
                le.put("status", latest.get().status());
            }
        }
        out.put("created", epoch(p.created()));
        out.put("updated", epoch(p.created()));
        return out;
    }

    private static ObjectNode latestActionExecution(ActionRun run, boolean showToken) {
        ObjectNode le = JSON.createObjectNode();
        le.put("actionExecutionId", run.id());
        le.put("status", run.status());
        if (run.summary() != null) le.put("summary", run.summary());
        le.put("lastStatusChange", epoch(run.lastStatusChange()));
        if (showToken) run.token().ifPresent(t -> le.put("token", t));
        if (run.updatedBy() != null) le.put("lastUpdatedBy", run.updatedBy());
        if (run.externalExecutionId() != null) le.put("externalExecutionId", run.externalExecutionId());
        if (run.externalExecutionUrl() != null) le.put("externalExecutionUrl", run.externalExecutionUrl());
        if (run.status().equals("Failed") && run.summary() != null) {
            ObjectNode details = le.putObject("errorDetails");
            details.put("code", "JobFailed");
            details.put("message", run.summary());
        }
        return le;
    }

    static ObjectNode execution(PipelineExecution e) {
        ObjectNode out = JSON.createObjectNode();
        out.put("pipelineName", e.pipeline().name());
        out.put("pipelineVersion", e.pipeline().version());
        out.put("pipelineExecutionId", e.id());
        out.put("status", e.status());
        if (e.statusSummary() != null) out.put("statusSummary", e.statusSummary());
        ArrayNode revisions = out.putArray("artifactRevisions");
        for (PipelineExecution.SourceRevision r : e.sourceRevisions()) {
            ObjectNode rev = revisions.addObject();
            String artifact = e.pipeline().stages().stream().flatMap(s -> s.actions().stream())
                    .filter(a -> a.name().equals(r.actionName())).findFirst()
                    .flatMap(a -> a.outputArtifacts().stream().findFirst()).orElse(r.actionName());
            rev.put("name", artifact);
            rev.put("revisionId", r.revisionId());
            rev.put("revisionChangeIdentifier", r.revisionId());
            rev.put("revisionSummary", r.revisionSummary());
            rev.put("revisionUrl", r.revisionUrl());
        }
        out.set("trigger", trigger(e));
        out.put("executionMode", e.pipeline().executionMode());
        return out;
    }

    private static ObjectNode trigger(PipelineExecution e) {
        ObjectNode t = JSON.createObjectNode();
        t.put("triggerType", e.triggerType());
        t.put("triggerDetail", e.triggerDetail());
        return t;
    }

    static ObjectNode summary(PipelineExecution e) {
        ObjectNode out = JSON.createObjectNode();
        out.put("pipelineExecutionId", e.id());
        out.put("status", e.status());
        if (e.statusSummary() != null) out.put("statusSummary", e.statusSummary());
        out.put("startTime", epoch(e.startTime()));
        out.put("lastUpdateTime", epoch(e.lastUpdateTime()));
        ArrayNode revisions = out.putArray("sourceRevisions");
        for (PipelineExecution.SourceRevision r : e.sourceRevisions()) {
            ObjectNode rev = revisions.addObject();
            rev.put("actionName", r.actionName());
            rev.put("revisionId", r.revisionId());
            rev.put("revisionSummary", r.revisionSummary());
            rev.put("revisionUrl", r.revisionUrl());
        }
        out.set("trigger", trigger(e));
        out.put("executionMode", e.pipeline().executionMode());
        return out;
    }

    static ObjectNode actionDetail(PipelineExecution e, ActionRun a) {
        ObjectNode out = JSON.createObjectNode();
        out.put("pipelineExecutionId", a.pipelineExecutionId());
        out.put("actionExecutionId", a.id());
        out.put("pipelineVersion", e.pipeline().version());
        out.put("stageName", a.stageName());
        out.put("actionName", a.action().name());
        out.put("startTime", epoch(a.startTime()));
        out.put("lastUpdateTime", epoch(a.lastStatusChange()));
        if (a.updatedBy() != null) out.put("updatedBy", a.updatedBy());
        out.put("status", a.status());
        ObjectNode input = out.putObject("input");
        input.set("actionTypeId", actionTypeId(a.action()));
        ObjectNode config = input.putObject("configuration");
        a.action().configuration().forEach(config::put);
        input.set("resolvedConfiguration", config.deepCopy());
        input.put("roleArn", a.action().roleArn() != null ? a.action().roleArn() : e.pipeline().roleArn());
        input.put("region", e.pipeline().region());
        input.set("inputArtifacts", artifacts(a.inputs()));
        ObjectNode output = out.putObject("output");
        output.set("outputArtifacts", artifacts(a.outputs()));
        ObjectNode result = output.putObject("executionResult");
        if (a.externalExecutionId() != null) result.put("externalExecutionId", a.externalExecutionId());
        if (a.summary() != null) result.put("externalExecutionSummary", a.summary());
        if (a.externalExecutionUrl() != null) result.put("externalExecutionUrl", a.externalExecutionUrl());
        output.putObject("outputVariables");
        return out;
    }

    private static ArrayNode artifacts(java.util.List<ArtifactLocation> list) {
        ArrayNode out = JSON.createArrayNode();
        for (ArtifactLocation l : list) {
            ObjectNode a = out.addObject();
            a.put("name", l.name());
            ObjectNode s3 = a.putObject("s3location");
            s3.put("bucket", l.bucket());
            s3.put("key", l.key());
        }
        return out;
    }
}
