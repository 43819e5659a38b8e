package dev.crossdeploy.stackset;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.account.AwsErrors;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.account.Retries;
import dev.crossdeploy.account.SessionNames;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.gate.VerificationGate;
import dev.crossdeploy.gate.Verified;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.Text;
import dev.crossdeploy.report.html.StackSetReport;
import dev.crossdeploy.stack.ArtifactRef;
import dev.crossdeploy.stack.CapabilityRules;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.stage.StackSetConfig;
import dev.crossdeploy.stage.StackSetGroup;
import dev.crossdeploy.stage.StageResolver;
import dev.crossdeploy.upload.UploadResult;
import dev.crossdeploy.upload.UploadToAccount;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSetNotFoundException;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code deploy-stack-set} engine: rolls the packaged artifact and its template out to a
 * stage group through one SELF_MANAGED stack set in the pipeline account.
 * <ol>
 *   <li>checks, before any write: protected stages allowed, template and parameters, each stage's
 *       verification gate, and the replacement guard on each protected stage's existing instance;</li>
 *   <li>uploads the artifact to every stage's bucket;</li>
 *   <li>creates the stack set, or updates it (one operation over every existing instance, with the
 *       group's operation preferences);</li>
 *   <li>updates instances whose overrides changed and creates the missing ones, one call per batch
 *       of identical overrides;</li>
 *   <li>prints each account's status as it changes, then a summary table, and fails in one line
 *       naming the accounts that did not succeed.</li>
 * </ol>
 */
public final class StackSetRollout {
    private final AwsSettings settings;
    private final StageResolver resolver;
    private final Reporter reporter;
    private final Timing timing;

    private StackSetReport report = StackSetReport.unused();

    public StackSetRollout(AwsSettings settings, StageResolver resolver, Reporter reporter, Timing timing) {
        this.settings = settings;
        this.resolver = resolver;
        this.reporter = reporter;
        this.timing = timing;
    }

    /** Records the rollout into {@code report} (from the calls it makes anyway); the caller writes the page. */
    public StackSetRollout recordingTo(StackSetReport report) {
        this.report = report;
        return this;
    }

    /**
     * @return each stage's outcome, in group order, when every stage succeeded
     * @throws CrossdeployException for a refusal (nothing written), or naming the stages that failed
     */
    public List<InstanceOutcome> roll(StackSetRequest request) {
        request.group().stages().forEach(s -> report.stage(s.name(), s.accountId(), s.region()));
        report.stackSet(request.stackSetName(), StackSetOperations.preferencesForReport(request.group().config()));
        report.started(timing.clock().instant());
        try {
            return rollOut(request);
        } catch (RuntimeException e) {
            report.failed(Text.oneLine(e.getMessage()));
            throw e;
        } finally {
            report.ended(timing.clock().instant());
        }
    }

    private List<InstanceOutcome> rollOut(StackSetRequest request) {
        StackSetGroup group = request.group();
        List<Stage> stages = group.stages();
        StackSetConfig config = group.config();
        refuseProtected(group, request.allowProtected());
        ArtifactManifest manifest = ArtifactManifest.read(ArtifactManifest.locationIn(request.buildDirectory()));
        Template template = Template.load(request.template());
        if (template.needsUpload()) {
            throw new CrossdeployException("Template " + template.path().getFileName() + " is " + template.sizeBytes()
                    + " bytes, over the " + Template.MAX_BODY_BYTES + " bytes deploy-stack-set passes inline; make it smaller"
                    + " or deploy the stages with deploy-stack.");
        }
        Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
        stages.forEach(s -> artifacts.put(s.name(), new ArtifactRef(s.artifactBucket(),
                s.artifactPrefix() + manifest.artifactId() + "/" + manifest.sha256() + ".zip", manifest.sha256())));
        report.artifact(artifacts.get(stages.get(0).name()).key(), manifest.sha256());
        InstanceParameters parameters = InstanceParameters.plan(template, stages, artifacts, request.parameterNames());
        Set<String> capabilities = new LinkedHashSet<>();
        stages.forEach(s -> capabilities.addAll(CapabilityRules.capabilities(template, s)));
        StageFanOut fanOut = new StageFanOut(request.parallel(), reporter);
        Map<String, Verified> proofs = fanOut.prepare(stages, (stage, lines) -> new VerificationGate(lines, Clock.systemUTC())
                .requireBeforeDeploy(resolver, stage, settings, manifest.artifactId(), manifest.sha256()));
        Instant deadline = timing.clock().instant().plus(request.timeout());

        String name = request.stackSetName();
        Stage home = stages.get(0);
        try (CloudFormationClient cfn = adminClient(home.region()); StsClient sts = stsClient(home.region())) {
            String adminAccount = sts.getCallerIdentity().account();
            boolean exists = describe(cfn, name);
            Map<String, StackInstanceSummary> instances = exists ? instances(cfn, name) : Map.of();
            List<Stage> present = stages.stream().filter(s -> instances.containsKey(key(s))).toList();
            List<Stage> missing = stages.stream().filter(s -> !instances.containsKey(key(s))).toList();
            new InstanceReplacementGuard(settings, reporter, timing)
                    .check(present, instances, template, parameters, List.copyOf(capabilities), request.allowReplace(), deadline);

            reporter.info("Uploading " + manifest.artifactId() + " sha256 " + manifest.sha256() + " to the artifact buckets of "
                    + stages.size() + " account" + (stages.size() == 1 ? "" : "s"));
            fanOut.run(stages, (stage, lines) -> {
                UploadResult uploaded = UploadToAccount.run(stage, settings, SessionNames.forStage(stage.name()),
                        request.buildDirectory(), request.uploadOptions(), lines, proofs.get(stage.name()));
                return uploaded.status() == UploadResult.Status.UPLOADED ? 1 : 0;
            });

            StackSetOperations operations = new StackSetOperations(cfn, name, adminAccount, config, deadline, reporter, timing, report);
            List<InstanceOutcome> outcomes = new ArrayList<>();
            if (!exists) {
                operations.create(template, parameters, capabilities, tags(group), group.name());
            } else {
                outcomes.addAll(operations.updateStackSet(template, parameters, capabilities, tags(group), present));
            }
            boolean updateStopped = outcomes.stream().anyMatch(o -> !o.succeeded());
            if (!updateStopped) {
                List<Stage> changed = present.stream().filter(s -> !Objects.equals(currentOverrides(cfn, name, s),
                        parameters.overrides(s.name()))).toList();
                Map<String, InstanceOutcome> byStage = new HashMap<>();
                outcomes.forEach(o -> byStage.put(o.stage().name(), o));
                operations.updateInstances(changed, parameters).forEach(o -> byStage.put(o.stage().name(), o));
                outcomes.clear();
                present.forEach(s -> outcomes.add(byStage.get(s.name())));
                outcomes.addAll(operations.createInstances(missing, parameters));
            } else {
                missing.forEach(s -> outcomes.add(new InstanceOutcome(s, InstanceOutcome.NOT_STARTED,
                        "not created: the update of the existing instances did not succeed")));
            }
            List<InstanceOutcome> ordered = stages.stream().map(s -> outcomes.stream()
                    .filter(o -> o.stage().name().equals(s.name())).findFirst().orElseThrow()).toList();
            reporter.info("Stack set " + name + ":");
            RolloutSummary.table(ordered).forEach(l -> reporter.info("  " + l));
            ordered.forEach(o -> report.outcome(o.stage().accountId(), o.stage().region(), o.status(), o.reason()));
            RolloutSummary.failure(name, group.name(), ordered).ifPresent(e -> { throw e; });
            return ordered;
        } catch (AwsServiceException e) {
            throw new CrossdeployException("Stack set " + name + ": " + AwsErrors.explain(e), e);
        }
    }

    private static void refuseProtected(StackSetGroup group, boolean allowedOnCommandLine) {
        List<String> guarded = group.stages().stream().filter(Stage::protectedStage).map(Stage::name).toList();
        if (guarded.isEmpty() || group.config().allowProtected() || allowedOnCommandLine) return;
        throw new CrossdeployException("Group '" + group.name() + "' holds protected stage" + (guarded.size() == 1 ? " " : "s ")
                + String.join(", ", guarded) + ", which a stack set deploys only when explicitly allowed: set allowProtected: true"
                + " in the group's stackSet block or run with -Dcrossdeploy.allowProtectedInStackSet=true; nothing was written.");
    }

    /** The overrides the instance of {@code stage} carries now. */
    private static Map<String, String> currentOverrides(CloudFormationClient cfn, String name, Stage stage) {
        Map<String, String> overrides = new LinkedHashMap<>();
        cfn.describeStackInstance(b -> b.stackSetName(name).stackInstanceAccount(stage.accountId())
                        .stackInstanceRegion(stage.region())).stackInstance().parameterOverrides()
                .forEach(p -> overrides.put(p.parameterKey(), p.parameterValue()));
        return overrides;
    }

    private static boolean describe(CloudFormationClient cfn, String name) {
        try {
            cfn.describeStackSet(b -> b.stackSetName(name));
            return true;
        } catch (StackSetNotFoundException e) {
            return false;
        }
    }

    private static Map<String, StackInstanceSummary> instances(CloudFormationClient cfn, String name) {
        Map<String, StackInstanceSummary> byKey = new LinkedHashMap<>();
        cfn.listStackInstancesPaginator(b -> b.stackSetName(name)).summaries()
                .forEach(s -> byKey.put(OperationWatcher.key(s.account(), s.region()), s));
        return byKey;
    }

    /** Tags every instance's stack carries: the group, and the tags all its stages share. */
    private static List<Tag> tags(StackSetGroup group) {
        Map<String, String> shared = new LinkedHashMap<>(group.stages().get(0).tags());
        group.stages().forEach(s -> shared.entrySet().removeIf(e -> !e.getValue().equals(s.tags().get(e.getKey()))));
        shared.put("crossdeploy:group", group.name());
        List<Tag> tags = new ArrayList<>();
        shared.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return tags;
    }

    static String key(Stage stage) { return OperationWatcher.key(stage.accountId(), stage.region()); }

    private CloudFormationClient adminClient(String region) {
        var builder = CloudFormationClient.builder().region(Region.of(region)).credentialsProvider(settings.baseCredentials())
                .overrideConfiguration(Retries.policy());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private StsClient stsClient(String region) {
        var builder = StsClient.builder().region(Region.of(region)).credentialsProvider(settings.baseCredentials());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
