package dev.crossdeploy.maven;

import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.LambdaPackager;
import dev.crossdeploy.artifact.OutputTimestamp;
import dev.crossdeploy.artifact.PackageRequest;
import dev.crossdeploy.stack.StackSettings;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes the Lambda deployment zip once: compiled classes at the root, runtime dependency jars
 * under {@code lib/}, byte-identical for the same inputs. Records it in
 * {@code target/crossdeploy/artifact.json} for the deploy goals. Needs compiled classes: run
 * as {@code mvn package crossdeploy:package} (or {@code mvn package package-lambda}).
 */
@Mojo(name = "package", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class PackageMojo extends AbstractCrossdeployMojo {
    private static final Set<String> RUNTIME_SCOPES = Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME);

    /** Compiled classes and resources, put at the zip's root. */
    @Parameter(property = "crossdeploy.classesDirectory", defaultValue = "${project.build.outputDirectory}", required = true)
    File classesDirectory;

    /** The Lambda zip to write. */
    @Parameter(property = "crossdeploy.lambdaZip",
            defaultValue = "${project.build.directory}/${project.build.finalName}-lambda.zip", required = true)
    File lambdaZip;

    /**
     * The CloudFormation template recorded with the artifact (when it exists); the same
     * default as deploy-stack: {@code src/main/cloudformation/template.yaml} (or {@code .json}).
     */
    @Parameter(property = "crossdeploy.template")
    File template;

    @Override
    protected File templateOverride() {
        return template;
    }

    /** Time stamp of every zip entry; Maven's reproducible-build property by default, else 1980-01-01T00:00:02Z. */
    @Parameter(property = "crossdeploy.outputTimestamp", defaultValue = "${project.build.outputTimestamp}")
    String outputTimestamp;

    @Override
    protected void run() {
        PackageRequest request = new PackageRequest(classesDirectory.toPath(), libraries(), lambdaZip.toPath(),
                manifestFile().toPath(),
                StackSettings.template(project.getBasedir().toPath(), template == null ? null : template.toPath(), null),
                project.getGroupId(),
                project.getArtifactId(), project.getVersion(), OutputTimestamp.parse(outputTimestamp));
        new LambdaPackager(reporter()).pack(request);
    }

    /** The manifest every deploy goal reads. */
    protected File manifestFile() {
        return ArtifactManifest.locationIn(new File(project.getBuild().getDirectory()).toPath()).toFile();
    }

    /** Runtime jars named artifactId-version[-classifier].jar, with the groupId in front when two would clash. */
    private List<PackageRequest.Library> libraries() {
        List<Artifact> jars = project.getArtifacts().stream()
                .filter(a -> RUNTIME_SCOPES.contains(a.getScope()) && "jar".equals(a.getType()) && a.getFile() != null)
                .toList();
        Map<String, Integer> names = new HashMap<>();
        jars.forEach(a -> names.merge(simpleName(a), 1, Integer::sum));
        List<PackageRequest.Library> libraries = new ArrayList<>();
        for (Artifact a : jars) {
            String name = names.get(simpleName(a)) > 1 ? a.getGroupId() + "-" + simpleName(a) : simpleName(a);
            libraries.add(new PackageRequest.Library(name, a.getFile().toPath()));
        }
        return libraries;
    }

    private static String simpleName(Artifact a) {
        String classifier = a.getClassifier() == null || a.getClassifier().isEmpty() ? "" : "-" + a.getClassifier();
        return a.getArtifactId() + "-" + a.getBaseVersion() + classifier + ".jar";
    }
}
