package dev.crossdeploy.fanout;

import dev.crossdeploy.account.AccountSession;
import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.account.SessionNames;
import dev.crossdeploy.gate.VerificationGate;
import dev.crossdeploy.gate.Verified;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.report.html.DeployReport;
import dev.crossdeploy.report.html.StageRecord;
import dev.crossdeploy.stack.DeployRequest;
import dev.crossdeploy.stack.DeployResult;
import dev.crossdeploy.stack.DeploymentMode;
import dev.crossdeploy.stack.DriftCheck;
import dev.crossdeploy.stack.ParameterNames;
import dev.crossdeploy.stack.S3TemplateUploader;
import dev.crossdeploy.stack.StackDeployer;
import dev.crossdeploy.stack.StackSettings;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.stage.StageResolver;
import dev.crossdeploy.upload.KmsKeyCheck;
import dev.crossdeploy.upload.Promotion;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The {@code deploy-stack} engine for one stage or several: every stage's settings, deployment
 * mode and verification gate are checked before the first stage is written to; then each stage
 * opens its account session, passes the drift guard and the KMS key check, and deploys its stack.
 */
public final class StageDeployment {
    /**
     * What the user asked, the same for every stage.
     *
     * @param stackName        {@code crossdeploy.stackName}, null for {@code <artifactId>-<stage>}
     * @param template         {@code crossdeploy.template}, null for the packaged or conventional one
     * @param deploymentMode   {@code crossdeploy.deploymentMode} as written, null for CloudFormation's default
     * @param buildDirectory   the project's {@code target}, where the packaged artifact and upload records are
     */
    public record Settings(String stackName, String artifactId, Path projectDirectory, Path template,
                           ParameterNames parameterNames, Set<String> allowReplace, boolean dryRun, Duration timeout,
                           boolean allowDrift, String deploymentMode, boolean allowExpress, Path buildDirectory) {}

    /** One stage's deployment, checked and ready before any stage is written to. */
    private record Prepared(DeployRequest request, Promotion promotion, Optional<DeploymentMode> mode, Verified proof) {}

    private final Settings settings;
    private final AwsSettings aws;
    private final StageResolver stages;

    /** @param stages every configured stage, for the verification gate's tested stage */
    public StageDeployment(Settings settings, AwsSettings aws, StageResolver stages) {
        this.settings = settings;
        this.aws = aws;
        this.stages = stages;
    }

    /**
     * Deploys every stage of {@code targets} through {@code fanOut}.
     *
     * @param report   records each stage for the run's HTML page (the caller writes it)
     * @param deployed called with each stage's result as soon as that stage is deployed
     * @throws dev.crossdeploy.CrossdeployException when a stage is refused (then nothing was written anywhere)
     *                                              or, after all the others finished, naming the failed stages
     */
    public List<StageOutcome> deploy(List<Stage> targets, StageFanOut fanOut, DeployReport report,
                                     BiConsumer<Stage, DeployResult> deployed) {
        Map<String, Prepared> prepared = fanOut.prepare(targets, this::prepare);
        return fanOut.run(targets, (target, reporter) -> report.track(target.name(), target.accountId(), target.region(), record -> {
            Prepared p = prepared.get(target.name());
            record.stackName(p.request().stackName());
            DeployResult result = deploy(p, record, reporter);
            deployed.accept(target, result);
            return result.changed() ? result.changes().size() : 0;
        }));
    }

    private Prepared prepare(Stage target, Reporter reporter) {
        Optional<DeploymentMode> mode = DeploymentMode.resolve(target, settings.deploymentMode(), settings.allowExpress());
        Promotion promotion = Promotion.read(settings.buildDirectory(), target);
        DeployRequest request = new DeployRequest(target,
                StackSettings.stackName(settings.stackName(), settings.artifactId(), target.name()),
                StackSettings.template(settings.projectDirectory(), settings.template(), promotion.template()),
                promotion.artifact(), settings.parameterNames(), settings.allowReplace(), settings.dryRun(),
                settings.timeout(), settings.buildDirectory().resolve("crossdeploy"));
        Verified proof = new VerificationGate(reporter, Clock.systemUTC()).requireBeforeDeploy(stages, target, aws,
                settings.artifactId(), promotion.artifact() == null ? null : promotion.artifact().sha256());
        return new Prepared(request, promotion, mode, proof);
    }

    private DeployResult deploy(Prepared p, StageRecord record, Reporter reporter) {
        Stage target = p.request().stage();
        try (AccountSession session = AccountSession.open(target, aws, SessionNames.forStage(target.name()), reporter)) {
            // Drift guard: a protected stage's drifted stack is refused before any change set is created.
            new DriftCheck(session.cloudFormation(), reporter, Timing.real())
                    .beforeDeploy(target, p.request().stackName(), settings.allowDrift());
            KmsKeyCheck.require(session);
            return new StackDeployer(session.cloudFormation(), p.promotion().uploader(new S3TemplateUploader(session::s3)),
                    reporter, Timing.real()).recordingTo(record).deploymentMode(p.mode()).deploy(p.request(), p.proof());
        }
    }
}
