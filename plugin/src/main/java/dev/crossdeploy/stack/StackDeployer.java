package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.gate.Verified;
import dev.crossdeploy.report.ChangeSetTable;
import dev.crossdeploy.report.EventLine;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Text;
import dev.crossdeploy.report.html.StageRecord;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code deploy-stack} engine: brings the stack to a state a change set can start from,
 * creates and shows the change set, guards a protected stage's data, executes it, streams the
 * stack events until the stack settles, and publishes the outputs. Failures end in a
 * {@link CrossdeployException} whose message names the root cause.
 */
public final class StackDeployer {
    static final String STAGE_TAG = "crossdeploy:stage";
    private static final String TIMEOUT = "crossdeploy.timeout";
    private static final DateTimeFormatter CHANGE_SET_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Rounds a deployment starts again after other deployments overtook it, before giving up. */
    static final int MAX_ROUNDS = 5;

    private final CloudFormationClient cfn;
    private final TemplateUploader uploader;
    private final Reporter reporter;
    private final Timing timing;
    private final StackLookup lookup;
    private final ChangeSets changeSets;
    /** How the log names where the stack goes, e.g. "to stage qa (account ..., region)"; null: from the stage. */
    private String target;

    /** The change set's deployment mode (express), or null for CloudFormation's default. */
    private DeploymentMode deploymentMode;

    /** Where this deployment's report collects what the deployment saw. */
    private StageRecord record = StageRecord.unused();

    public StackDeployer(CloudFormationClient cfn, TemplateUploader uploader, Reporter reporter, Timing timing) {
        this.cfn = cfn;
        this.uploader = uploader;
        this.reporter = reporter;
        this.timing = timing;
        this.lookup = new StackLookup(cfn);
        this.changeSets = new ChangeSets(cfn, timing, reporter);
    }

    /**
     * Names where the stack goes in this deployer's lines and failures, for a deployment that is
     * not a stage's (the bootstrap stack: "in account 222222222222 (us-east-1)").
     */
    public StackDeployer describingTarget(String target) {
        this.target = target;
        return this;
    }

    private String target(Stage stage) {
        if (target != null) return target;
        return "to stage " + stage.name()
                + (stage.accountId() == null ? "" : " (account " + stage.accountId() + ", " + stage.region() + ")");
    }

    /** Deploys in this mode (see {@link DeploymentMode}); none keeps CloudFormation's default. */
    public StackDeployer deploymentMode(java.util.Optional<DeploymentMode> mode) {
        this.deploymentMode = mode.orElse(null);
        return this;
    }

    /** Feeds {@code record} with the change set, the events and the outcome, for the deployment report. */
    public StackDeployer recordingTo(StageRecord record) {
        this.record = record;
        return this;
    }

    /**
     * Deploys the stack as described on the class.
     *
     * @throws CrossdeployException for anything the user must fix: bad input, a refusal, a failed deployment,
     *                              a request CloudFormation refused
     */
    public DeployResult deploy(DeployRequest request) {
        return deploy(request, null);
    }

    /**
     * Deploys, as {@link #deploy(DeployRequest)}, to a stage that may require a verified artifact.
     *
     * @param proof what {@link dev.crossdeploy.gate.VerificationGate} returned for this stage and artifact;
     *              without it a stage with {@code requireVerifiedIn} is refused before any call
     */
    public DeployResult deploy(DeployRequest request, Verified proof) {
        Verified.require(request.stage(), request.artifact() == null ? null : request.artifact().sha256(), proof);
        if (target == null) return Errors.refusalExplained(request.stackName(), request.stage(), () -> run(request));
        return Errors.refusalExplained("CloudFormation refused a request for stack " + request.stackName() + " " + target,
                () -> run(request));
    }

    /** What one run knows before its first call to CloudFormation. */
    private record Plan(DeployRequest request, Template template, ResolvedParameters parameters, List<String> capabilities,
                        StackWatcher watcher, BusyStack busy, Instant deadline) {}

    private DeployResult run(DeployRequest request) {
        Stage stage = request.stage();
        String name = request.stackName();
        // Everything that can be checked without AWS is checked before the first write.
        Template template = Template.load(request.template());
        ResolvedParameters parameters = ResolvedParameters.resolve(template, stage, request.artifact(), request.parameterNames());
        List<String> capabilities = CapabilityRules.capabilities(template, stage);
        AllowReplaceIds.requireKnown(request.allowReplace(), template, name, cfn, lookup);
        Instant deadline = timing.clock().instant().plus(request.timeout());
        StackWatcher watcher = new StackWatcher(cfn, reporter, timing, eventLine(template, name));
        Plan plan = new Plan(request, template, parameters, capabilities, watcher,
                new BusyStack(cfn, lookup, watcher, reporter, timing, TIMEOUT), deadline);

        record.stackName(name);
        reporter.info("Deploying stack " + name + " " + target(stage) + (request.dryRun() ? " -- dry run" : ""));
        for (int round = 1; ; round++) {
            try {
                DeployResult result = round(plan, round == 1);
                record.finished(result.status(), result.changed());
                return result;
            } catch (Overtaken overtaken) {
                if (round >= MAX_ROUNDS) {
                    throw new CrossdeployException("Stack " + name + " kept changing under this deployment (" + MAX_ROUNDS
                            + " tries; last: " + Text.oneLine(overtaken.getMessage()) + "): other deployments of it are running;"
                            + " deploy again once they have finished");
                }
                reporter.info("Another deployment of " + name + " changed the stack first (" + Text.oneLine(overtaken.getMessage())
                        + "); creating a new change set");
            }
        }
    }

    /** One try from the stack as it is now; {@link Overtaken} when another deployment got in between. */
    private DeployResult round(Plan plan, boolean first) {
        DeployRequest request = plan.request();
        Stage stage = request.stage();
        String name = request.stackName();
        Optional<Stack> existing = new StartingPoint(cfn, lookup, reporter).prepare(request, plan.watcher(), plan.busy(), plan.deadline());
        if (existing.isPresent() && "ROLLBACK_COMPLETE".equals(existing.get().stackStatusAsString())) {
            // Only a dry run gets here: it leaves the failed stack for the real deployment to replace.
            reporter.info("Dry run: stack " + name + " is in ROLLBACK_COMPLETE; a real deployment deletes and recreates it. Nothing changed.");
            return new DeployResult(existing.get().stackId(), "DRY_RUN", false, List.of(), Map.of(), null);
        }
        boolean creating = existing.isEmpty() || "REVIEW_IN_PROGRESS".equals(existing.get().stackStatusAsString());
        if (first) announce(request.artifact(), plan.parameters(), plan.capabilities());

        Instant started = timing.clock().instant();
        CreateChangeSetRequest createRequest = changeSetRequest(request, plan.template(), plan.parameters(), plan.capabilities(), creating);
        CreateChangeSetResponse created = changeSets.create(createRequest);
        String stackId = created.stackId();
        reporter.info("Change set " + createRequest.changeSetName() + " (" + createRequest.changeSetTypeAsString() + ") created; waiting for CloudFormation to compute it");

        ChangeSets.Computed computed;
        try {
            computed = changeSets.await(created.id(), stackId, name, plan.deadline());
        } catch (CrossdeployException e) {
            if (creating) removeOwnEmptyStack(stackId, created.id(), name, null, plan);
            throw e;
        }

        if (computed.noChanges()) {
            changeSets.delete(computed.changeSetId());
            reporter.info("No changes: stack " + name + " already matches the template and parameters; change set deleted");
            if (request.dryRun()) return new DeployResult(stackId, "DRY_RUN", false, List.of(), Map.of(), null);
            changeSets.deleteLeftovers(stackId, computed.changeSetId(), started);
            // Nothing changed, so the stack read before the change set still holds: no second DescribeStacks.
            Stack stack = existing.filter(s -> stackId.equals(s.stackId())).or(() -> lookup.find(stackId))
                    .orElseThrow(() -> new CrossdeployException("Stack " + name + " disappeared during the deployment"));
            protect(stage, stack);
            return publish(request, stack, stack.stackStatusAsString(), false, List.of());
        }

        reporter.info("Change set for stack " + name + ":");
        ChangeSetTable.changes(computed.rows().stream().map(ChangeRow::forTable).toList()).forEach(l -> reporter.info("  " + l));
        record.changes(computed.rows().stream().map(ChangeRow::forTable).toList());

        List<ChangeRow> refused = ReplacementGuard.refused(stage, computed.rows(), request.allowReplace());
        if (!refused.isEmpty()) {
            changeSets.delete(computed.changeSetId());
            CrossdeployException refusal = ReplacementGuard.refusal(stage, refused);
            reporter.error(refusal.getMessage());
            throw refusal;
        }

        ReplacementGuard.unused(computed.rows(), request.allowReplace())
                .forEach(id -> reporter.warn("crossdeploy.allowReplace names " + id + ", which this change set does not replace or remove"));

        if (request.dryRun()) {
            changeSets.delete(computed.changeSetId());
            if (creating && removeOwnEmptyStack(stackId, computed.changeSetId(), name, stage.executionRoleArn(), plan)) {
                reporter.info("Dry run: change set and the empty stack it needed deleted; nothing deployed");
            } else {
                reporter.info("Dry run: change set deleted; nothing deployed");
            }
            return new DeployResult(creating ? null : stackId, "DRY_RUN", false, computed.rows(), Map.of(), null);
        }

        // The stack as this round found it, or as the CREATE change set made it: no need to describe it again.
        Stack before = existing.orElseGet(() -> Stack.builder().stackId(stackId).stackName(name).stackStatus(StackStatus.REVIEW_IN_PROGRESS).build());
        StackWatcher.Settled settled = execute(computed, createRequest.changeSetName(), name, before, plan.watcher(), plan.deadline());
        record.events(settled.recorded());
        if (settled.stack() == null || !StackStatuses.deployed(settled.status())) {
            String cause = settled.rootCause(stackId);
            reporter.error("Root cause: " + cause);
            record.failed(settled.status(), cause);
            String message = "Deployment of stack " + name + " " + (target == null ? "to stage " + stage.name() : target) + " failed (" + settled.status() + "). Root cause: " + cause;
            reporter.error(message);
            throw new CrossdeployException(message);
        }
        protect(stage, settled.stack());
        reporter.info("Stack " + name + " is " + settled.status());
        // The operation's own final status: the stack may already be in the next deployment's operation.
        return publish(request, settled.stack(), settled.status(), true, computed.rows());
    }

    /** Tells what is about to be deployed; NoEcho values only masked. */
    private void announce(ArtifactRef artifact, ResolvedParameters parameters, List<String> capabilities) {
        if (artifact != null) {
            record.artifact(artifact.bucket(), artifact.key(), artifact.sha256());
            reporter.info("Artifact: s3://" + artifact.bucket() + "/" + artifact.key() + " (sha256 " + artifact.sha256() + ")");
        }
        if (!parameters.values().isEmpty()) {
            reporter.info("Parameters:");
            ChangeSetTable.parameters(parameters.printable()).forEach(l -> reporter.info("  " + l));
        }
        if (!capabilities.isEmpty()) reporter.info("Capabilities: " + String.join(", ", capabilities));
    }

    private CreateChangeSetRequest changeSetRequest(DeployRequest request, Template template, ResolvedParameters parameters,
                                                    List<String> capabilities, boolean creating) {
        Stage stage = request.stage();
        CreateChangeSetRequest.Builder create = CreateChangeSetRequest.builder()
                .stackName(request.stackName())
                .changeSetName(changeSetName())
                .changeSetType(creating ? "CREATE" : "UPDATE")
                .parameters(parameters.toSdk())
                .capabilitiesWithStrings(capabilities)
                .tags(tags(stage))
                .description("crossdeploy " + stage.name() + (request.artifact() == null ? "" : " " + request.artifact().sha256()))
                // Makes a retried CreateChangeSet (after throttling or a 5xx) create one change set, not two.
                .clientToken(UUID.randomUUID().toString());
        if (stage.executionRoleArn() != null && !stage.executionRoleArn().isBlank()) create.roleARN(stage.executionRoleArn());
        if (deploymentMode != null) create.deploymentConfig(deploymentMode.config());
        if (template.needsUpload()) {
            String url = uploader.upload(stage, template);
            reporter.info("Template is " + template.sizeBytes() + " bytes; CloudFormation reads it from " + url);
            create.templateURL(url);
        } else {
            create.templateBody(template.body());
        }
        return create.build();
    }

    /**
     * Executes the change set and streams the stack's events from that moment until it settles.
     * The request token stays the same across the SDK's retries, so a retried call that
     * CloudFormation had already taken runs the change set once.
     */
    private StackWatcher.Settled execute(ChangeSets.Computed computed, String changeSetName, String name, Stack before,
                                         StackWatcher watcher, Instant deadline) {
        String token = ChangeSets.PREFIX + "execute-" + UUID.randomUUID();
        EventCursor cursor = EventCursor.beforeOperation(cfn, computed.stackId(), token);
        try {
            Errors.refusalExplained("CloudFormation refused to execute the change set for stack " + name,
                    () -> Overtaken.guard(() -> cfn.executeChangeSet(b -> b.changeSetName(computed.changeSetId()).clientRequestToken(token))));
        } catch (Overtaken overtaken) {
            changeSets.delete(computed.changeSetId());
            throw overtaken;
        }
        reporter.info("Executing change set " + changeSetName + ":");
        return watcher.await(computed.stackId(), name, cursor, deadline, TIMEOUT, before);
    }

    /** The one-line error for a stack only a person can get out of its state, saying how. */
    static CrossdeployException stuck(Stack stack, Stage stage) {
        return StartingPoint.stuck(stack, stage);
    }

    private DeployResult publish(DeployRequest request, Stack stack, String status, boolean changed, List<ChangeRow> rows) {
        Map<String, String> outputs = StackOutputs.outputsOf(stack);
        if (!outputs.isEmpty()) {
            reporter.info("Outputs:");
            ChangeSetTable.outputs(outputs).forEach(l -> reporter.info("  " + l));
        }
        Path file = StackOutputs.writeFile(reporter, request.outputDir(), request.stage().name(), outputs);
        return new DeployResult(stack.stackId(), status, changed, rows, outputs, file);
    }

    private void protect(Stage stage, Stack stack) {
        if (!stage.protectedStage() || Boolean.TRUE.equals(stack.enableTerminationProtection())) return;
        cfn.updateTerminationProtection(b -> b.stackName(stack.stackId()).enableTerminationProtection(true));
        reporter.info("Termination protection enabled on stack " + stack.stackName() + " (protected stage " + stage.name() + ")");
    }

    /**
     * Deletes the empty REVIEW_IN_PROGRESS stack this run's CREATE change set went onto, unless
     * another run has a change set on it too: that run is creating the stack.
     *
     * @return whether the stack was deleted
     */
    private boolean removeOwnEmptyStack(String stackId, String ours, String name, String roleArn, Plan plan) {
        try {
            Optional<Stack> stack = lookup.find(stackId);
            if (stack.isEmpty() || !"REVIEW_IN_PROGRESS".equals(stack.get().stackStatusAsString())
                    || lookup.hasChangeSetsBesides(stackId, ours)) {
                return false;
            }
            new StackRemoval(cfn, plan.watcher()).delete(stackId, name, roleArn, plan.deadline(), TIMEOUT);
            return true;
        } catch (CloudFormationException e) {
            reporter.warn("Could not delete the empty stack " + name + ": " + Errors.describe(e));
            return false;
        }
    }

    /**
     * The stage's tags and the stage's name: values that stay the same from one deployment to the
     * next. CloudFormation copies stack tags onto every resource that supports tags, so a tag that
     * changed per deployment (the artifact) would modify every table, role and log group on every
     * release; the artifact is recorded by the ArtifactKey parameter instead.
     */
    private static List<Tag> tags(Stage stage) {
        Map<String, String> tags = new LinkedHashMap<>(stage.tags());
        tags.put(STAGE_TAG, stage.name());
        List<Tag> result = new ArrayList<>();
        tags.forEach((k, v) -> result.add(Tag.builder().key(k).value(v).build()));
        return result;
    }

    private String changeSetName() {
        return ChangeSets.PREFIX + CHANGE_SET_TIME.format(timing.clock().instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static EventLine eventLine(Template template, String stackName) {
        int idWidth = stackName.length();
        int typeWidth = "AWS::CloudFormation::Stack".length();
        for (Map.Entry<String, String> e : template.resourceTypes().entrySet()) {
            idWidth = Math.max(idWidth, e.getKey().length());
            typeWidth = Math.max(typeWidth, e.getValue().length());
        }
        return new EventLine(idWidth, typeWidth);
    }
}
