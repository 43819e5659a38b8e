package dev.crossdeploy.stack;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.gate.Verified;
import dev.crossdeploy.report.ChangeSetTable;
import dev.crossdeploy.report.EventLine;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DeploymentConfig;
import software.amazon.awssdk.services.cloudformation.model.Stack;
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

    private final CloudFormationClient cfn;
    private final TemplateUploader uploader;
    private final Reporter reporter;
    private final Timing timing;
    private final AwsCalls calls;
    private final StackLookup lookup;
    private final ChangeSets changeSets;

    /** The change set's DeploymentConfig (express mode), or null for CloudFormation's default. */
    private DeploymentConfig deploymentConfig;

    public StackDeployer(CloudFormationClient cfn, TemplateUploader uploader, Reporter reporter, Timing timing) {
        this.cfn = cfn;
        this.uploader = uploader;
        this.reporter = reporter;
        this.timing = timing;
        this.calls = new AwsCalls(timing.sleeper());
        this.lookup = new StackLookup(cfn, calls);
        this.changeSets = new ChangeSets(cfn, calls, timing, reporter);
    }

    /** Deploys with this DeploymentConfig (see {@link DeploymentMode}); none keeps CloudFormation's default. */
    public StackDeployer deploymentConfig(java.util.Optional<DeploymentConfig> config) {
        this.deploymentConfig = config.orElse(null);
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
        return Errors.refusalExplained(request.stackName(), request.stage(), () -> run(request));
    }

    private DeployResult run(DeployRequest request) {
        Stage stage = request.stage();
        String name = request.stackName();
        // Everything that can be checked without AWS is checked before the first write.
        Template template = Template.load(request.template());
        ResolvedParameters parameters = ResolvedParameters.resolve(template, stage, request.artifact(), request.parameterNames());
        List<String> capabilities = CapabilityRules.capabilities(template, stage);
        AllowReplaceIds.requireKnown(request.allowReplace(), template, name, cfn, calls, lookup);
        Instant deadline = timing.clock().instant().plus(request.timeout());
        StackWatcher watcher = new StackWatcher(cfn, calls, reporter, timing, eventLine(template, name));

        reporter.info("Deploying stack " + name + " to stage " + stage.name()
                + (stage.accountId() == null ? "" : " (account " + stage.accountId() + ", " + stage.region() + ")")
                + (request.dryRun() ? " -- dry run" : ""));
        Optional<Stack> existing = prepare(request, watcher, deadline);
        if (existing.isPresent() && "ROLLBACK_COMPLETE".equals(existing.get().stackStatusAsString())) {
            // Only a dry run gets here: it leaves the failed stack for the real deployment to replace.
            reporter.info("Dry run: stack " + name + " is in ROLLBACK_COMPLETE; a real deployment deletes and recreates it. Nothing changed.");
            return new DeployResult(existing.get().stackId(), "DRY_RUN", false, List.of(), Map.of(), null);
        }
        boolean creating = existing.isEmpty();
        announce(request.artifact(), parameters, capabilities);

        CreateChangeSetRequest createRequest = changeSetRequest(request, template, parameters, capabilities, creating);
        CreateChangeSetResponse created = changeSets.create(createRequest);
        String stackId = created.stackId();
        reporter.info("Change set " + createRequest.changeSetName() + " (" + createRequest.changeSetTypeAsString() + ") created; waiting for CloudFormation to compute it");

        ChangeSets.Computed computed;
        try {
            computed = changeSets.await(created.id(), stackId, name, deadline);
        } catch (CrossdeployException e) {
            if (creating) deleteQuietly(stackId);
            throw e;
        }

        if (computed.noChanges()) {
            changeSets.delete(computed.changeSetId());
            reporter.info("No changes: stack " + name + " already matches the template and parameters; change set deleted");
            if (request.dryRun()) return new DeployResult(stackId, "DRY_RUN", false, List.of(), Map.of(), null);
            Stack stack = lookup.find(stackId).orElseThrow(() -> new CrossdeployException("Stack " + name + " disappeared during the deployment"));
            protect(stage, stack);
            return publish(request, stack, false, List.of());
        }

        reporter.info("Change set for stack " + name + ":");
        ChangeSetTable.changes(computed.rows().stream().map(ChangeRow::forTable).toList()).forEach(l -> reporter.info("  " + l));

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
            if (creating) {
                new StackRemoval(cfn, calls, watcher).delete(stackId, name, null, deadline, TIMEOUT);
                reporter.info("Dry run: change set and the empty stack it needed deleted; nothing deployed");
            } else {
                reporter.info("Dry run: change set deleted; nothing deployed");
            }
            return new DeployResult(creating ? null : stackId, "DRY_RUN", false, computed.rows(), Map.of(), null);
        }

        StackWatcher.Settled settled = execute(computed, createRequest.changeSetName(), name, watcher, deadline);
        if (settled.stack() == null || !StackStatuses.deployed(settled.status())) {
            String cause = settled.rootCause(stackId);
            reporter.error("Root cause: " + cause);
            String message = "Deployment of stack " + name + " to stage " + stage.name() + " failed (" + settled.status() + "). Root cause: " + cause;
            reporter.error(message);
            throw new CrossdeployException(message);
        }
        protect(stage, settled.stack());
        reporter.info("Stack " + name + " is " + settled.status());
        return publish(request, settled.stack(), true, computed.rows());
    }

    /** Tells what is about to be deployed; NoEcho values only masked. */
    private void announce(ArtifactRef artifact, ResolvedParameters parameters, List<String> capabilities) {
        if (artifact != null) {
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
        if (deploymentConfig != null) create.deploymentConfig(deploymentConfig);
        if (template.needsUpload()) {
            String url = uploader.upload(stage, template);
            reporter.info("Template is " + template.sizeBytes() + " bytes; CloudFormation reads it from " + url);
            create.templateURL(url);
        } else {
            create.templateBody(template.body());
        }
        return create.build();
    }

    /** Executes the change set and streams the stack's events from that moment until it settles. */
    private StackWatcher.Settled execute(ChangeSets.Computed computed, String changeSetName, String name,
                                         StackWatcher watcher, Instant deadline) {
        Stack before = lookup.find(computed.stackId()).orElse(null);
        EventCursor cursor = EventCursor.fromNow(cfn, calls, computed.stackId());
        String token = "crossdeploy-" + UUID.randomUUID();
        Errors.refusalExplained("CloudFormation refused to execute the change set for stack " + name,
                () -> calls.call(() -> cfn.executeChangeSet(b -> b.changeSetName(computed.changeSetId()).clientRequestToken(token))));
        reporter.info("Executing change set " + changeSetName + ":");
        return watcher.await(computed.stackId(), name, cursor, deadline, TIMEOUT, before);
    }

    /**
     * Brings the stack to a state a change set can start from: waits out a running operation,
     * deletes a stack that never deployed (ROLLBACK_COMPLETE, REVIEW_IN_PROGRESS), and refuses
     * states only a person can resolve.
     *
     * @return the stack to update, or empty to create it
     */
    private Optional<Stack> prepare(DeployRequest request, StackWatcher watcher, Instant deadline) {
        String name = request.stackName();
        StackRemoval removal = new StackRemoval(cfn, calls, watcher);
        while (true) {
            Optional<Stack> found = lookup.find(name);
            if (found.isEmpty()) return found;
            Stack stack = found.get();
            String status = stack.stackStatusAsString();
            if (StackStatuses.updatable(status)) return found;
            if (StackStatuses.inProgress(status)) {
                watcher.awaitRunning(stack, name, deadline, TIMEOUT);
                continue;
            }
            switch (status) {
                case "REVIEW_IN_PROGRESS" -> {
                    if (lookup.changeSetRunning(stack.stackId())) {
                        reporter.info("Stack " + name + " has a change set running; waiting for it first");
                        waitForChangeSets(stack.stackId(), name, deadline);
                        continue;
                    }
                    reporter.info("Stack " + name + " is in REVIEW_IN_PROGRESS (created, never deployed); deleting it to start over");
                    removal.delete(stack.stackId(), name, request.stage().executionRoleArn(), deadline, TIMEOUT);
                }
                case "ROLLBACK_COMPLETE" -> {
                    if (request.dryRun()) return found;
                    reporter.info("Stack " + name + " is in ROLLBACK_COMPLETE (its first deployment failed); deleting it and creating it again");
                    StackWatcher.Settled gone = removal.delete(stack.stackId(), name, request.stage().executionRoleArn(), deadline, TIMEOUT);
                    if (!"DELETE_COMPLETE".equals(gone.status())) {
                        throw new CrossdeployException("Could not delete stack " + name + " after its failed first deployment ("
                                + gone.status() + "): " + RootCause.describe(gone.events(), stack.stackId(), null)
                                + "; delete it by hand (aws cloudformation delete-stack --stack-name " + name + ") and deploy again");
                    }
                }
                default -> throw stuck(stack, request.stage());
            }
        }
    }

    /** The one-line error for a stack only a person can get out of its state, saying how. */
    static CrossdeployException stuck(Stack stack, Stage stage) {
        String name = stack.stackName();
        String status = stack.stackStatusAsString();
        if ("UPDATE_ROLLBACK_FAILED".equals(status)) {
            return new CrossdeployException("Stack " + name + " is in UPDATE_ROLLBACK_FAILED" + reason(stack)
                    + "; fix the cause, then run: aws cloudformation continue-update-rollback --stack-name " + name
                    + roleOption(stage) + " and deploy again");
        }
        return new CrossdeployException("Stack " + name + " is in " + status + reason(stack)
                + "; CloudFormation cannot update it from there: delete it (aws cloudformation delete-stack --stack-name "
                + name + ") and deploy again");
    }

    private void waitForChangeSets(String stackId, String name, Instant deadline) {
        java.time.Duration interval = timing.firstPoll();
        while (lookup.changeSetRunning(stackId)) {
            if (!timing.clock().instant().isBefore(deadline)) {
                throw new CrossdeployException("Timed out waiting for a running change set of stack " + name + "; raise " + TIMEOUT);
            }
            timing.sleeper().sleepOrStop(interval, "interrupted");
            interval = timing.next(interval);
        }
    }

    private DeployResult publish(DeployRequest request, Stack stack, boolean changed, List<ChangeRow> rows) {
        Map<String, String> outputs = StackOutputs.outputsOf(stack);
        if (!outputs.isEmpty()) {
            reporter.info("Outputs:");
            ChangeSetTable.outputs(outputs).forEach(l -> reporter.info("  " + l));
        }
        Path file = StackOutputs.writeFile(reporter, request.outputDir(), request.stage().name(), outputs);
        return new DeployResult(stack.stackId(), stack.stackStatusAsString(), changed, rows, outputs, file);
    }

    private void protect(Stage stage, Stack stack) {
        if (!stage.protectedStage() || Boolean.TRUE.equals(stack.enableTerminationProtection())) return;
        calls.run(() -> cfn.updateTerminationProtection(b -> b.stackName(stack.stackId()).enableTerminationProtection(true)));
        reporter.info("Termination protection enabled on stack " + stack.stackName() + " (protected stage " + stage.name() + ")");
    }

    /** Removes the empty REVIEW_IN_PROGRESS stack a CREATE change set made; the stack has no resources. */
    private void deleteQuietly(String stackId) {
        try {
            calls.run(() -> cfn.deleteStack(b -> b.stackName(stackId)));
        } catch (CloudFormationException e) {
            reporter.warn("Could not delete the empty stack " + stackId + ": " + Errors.describe(e));
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
        return "crossdeploy-" + CHANGE_SET_TIME.format(timing.clock().instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
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

    private static String reason(Stack stack) {
        String r = stack.stackStatusReason();
        return r == null || r.isBlank() ? "" : " (" + dev.crossdeploy.report.Text.oneLine(r) + ")";
    }

    private static String roleOption(Stage stage) {
        return stage.executionRoleArn() == null || stage.executionRoleArn().isBlank() ? "" : " --role-arn " + stage.executionRoleArn();
    }
}
