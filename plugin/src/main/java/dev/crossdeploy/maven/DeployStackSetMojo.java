package dev.crossdeploy.maven;

import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.fanout.StageFanOut;
import dev.crossdeploy.input.Inputs;
import dev.crossdeploy.report.html.StackSetReport;
import dev.crossdeploy.stack.StackSettings;
import dev.crossdeploy.stack.Timing;
import dev.crossdeploy.stackset.StackSetRequest;
import dev.crossdeploy.stackset.StackSetRollout;
import dev.crossdeploy.stage.StackSetGroup;
import dev.crossdeploy.stage.StageResolver;
import dev.crossdeploy.upload.UploadOptions;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Rolls the packaged artifact and its template out to a stage group through one CloudFormation
 * stack set (SELF_MANAGED, in the pipeline account): {@code -Dstage} names a group of the stages
 * file with a {@code stackSet:} block. The artifact goes to every stage's bucket first; each
 * account's progress is printed as CloudFormation reports it, and a summary table ends the run;
 * {@code target/crossdeploy/<group>-report.html} shows the rollout, failed or not.
 */
@Mojo(name = "deploy-stack-set", threadSafe = true)
public class DeployStackSetMojo extends AbstractStackMojo {
    /** The stack set's name; defaults to the group's {@code stackSet: name}, else {@code <artifactId>-<group>}. */
    @Parameter(property = "crossdeploy.stackSetName")
    protected String stackSetName;

    /** {@code true}: the group's protected stages may be deployed through the stack set ({@code true} or {@code false}). */
    @Parameter(property = "crossdeploy.allowProtectedInStackSet", defaultValue = "false")
    protected String allowProtectedInStackSet;

    /** Files larger than this many bytes are uploaded in parallel parts (1 byte to 5 GiB, S3's largest single PUT). */
    @Parameter(property = "crossdeploy.multipartThreshold", defaultValue = "16777216")
    protected String multipartThreshold;

    /** Bytes per multipart part (S3: 5 MiB to 5 GiB). */
    @Parameter(property = "crossdeploy.partSize", defaultValue = "5242880")
    protected String partSize;

    /** Parts uploaded at once (1 to 64). */
    @Parameter(property = "crossdeploy.uploadThreads", defaultValue = "4")
    protected String uploadThreads;

    /**
     * Large artifacts go up through the SDK's native S3 client (AWS CRT) where its library loads; false
     * keeps them on the Java client.
     */
    @Parameter(property = "crossdeploy.nativeUpload", defaultValue = "true")
    protected String nativeUpload;

    @Override
    protected void run() {
        // Every setting is read before the first AWS call, so a typo never half-deploys.
        boolean allowProtected = Inputs.flag("crossdeploy.allowProtectedInStackSet", allowProtectedInStackSet, false);
        var wait = StackSettings.timeout(timeout);
        var replaceable = StackSettings.allowReplace(allowReplace);
        UploadOptions options = UploadOptions.parse(multipartThreshold, partSize, uploadThreads, nativeUpload);
        int bound = (int) Inputs.number("crossdeploy.parallel", parallel, StageFanOut.DEFAULT_PARALLEL,
                1, StageFanOut.MAX_PARALLEL, "1 to " + StageFanOut.MAX_PARALLEL);
        StageResolver resolver = stageResolver();
        StackSetGroup group = resolver.stackSetGroup(stage);
        String name = StackSetRequest.stackSetName(stackSetName, group.config().name(), project.getArtifactId(), group.name());
        Path build = buildDirectory.toPath();
        Path manifest = ArtifactManifest.locationIn(build);
        Path packaged = Files.isRegularFile(manifest) ? ArtifactManifest.read(manifest).template() : null;
        Path templatePath = StackSettings.template(project.getBasedir().toPath(), template == null ? null : template.toPath(), packaged);
        StackSetRequest request = new StackSetRequest(group, name, templatePath,
                parameterNames(), replaceable, allowProtected,
                build, options, wait, bound);
        StackSetReport report = new StackSetReport(build.resolve("crossdeploy"), group.name(), Clock.systemUTC());
        try {
            new StackSetRollout(awsSettings(), resolver, reporter(), Timing.real()).recordingTo(report).roll(request);
        } finally {
            report.write(reporter()).ifPresent(page -> reporter().info("Deployment report: " + page));
        }
    }
}
