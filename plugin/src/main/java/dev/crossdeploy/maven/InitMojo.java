package dev.crossdeploy.maven;

import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.input.Inputs;
import dev.crossdeploy.scaffold.ExistingFiles;
import dev.crossdeploy.scaffold.HandlerName;
import dev.crossdeploy.scaffold.ScaffoldRequest;
import dev.crossdeploy.scaffold.Scaffolder;
import dev.crossdeploy.scaffold.StageAccount;
import dev.crossdeploy.scaffold.ServiceFiles;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.nio.file.Files;
import java.util.List;

/**
 * Scaffolds what a new service needs in an existing jar project: the template (one Java
 * function, its least-privilege role, optionally a table and a REST API), the stages file,
 * a {@code buildspec.yml} for the central pipeline, {@code .mvn/jvm.config} and, when missing,
 * the handler class; then prints the next three commands. Never replaces a file unless asked:
 * {@code mvn crossdeploy:init -Dcrossdeploy.accounts=staging=222222222222,prod=444444444444}.
 */
@Mojo(name = "init", threadSafe = true)
public class InitMojo extends AbstractCrossdeployMojo {
    private static final String PLUGIN_KEY = "dev.crossdeploy:crossdeploy-maven-plugin";

    /** The stages in promotion order as {@code <stage>=<account id>}, comma-separated; a stage named prod is protected. Not needed when the POM declares {@code <stages>}. */
    @Parameter(property = "crossdeploy.accounts")
    private String accounts;

    /** The stages' region; defaults to AWS_REGION, else us-east-1. */
    @Parameter(property = "crossdeploy.region")
    private String region;

    /** The function's handler, {@code com.acme.Orders[::method]}; defaults to {@code <groupId>.<ArtifactId>Handler::handleRequest}, written when its source is missing. */
    @Parameter(property = "crossdeploy.handler")
    private String handler;

    /** {@code true}: add a DynamoDB table whose items, and only they, the function may use. */
    @Parameter(property = "crossdeploy.withTable", defaultValue = "false")
    private String withTable;

    /** {@code true}: add a REST API that hands every request to the function. */
    @Parameter(property = "crossdeploy.withApi", defaultValue = "false")
    private String withApi;

    /** {@code true}: leave files that exist as they are and write only the missing ones. */
    @Parameter(property = "crossdeploy.skipExisting", defaultValue = "false")
    private String skipExisting;

    /** {@code true}: replace files that exist (never the handler's source). */
    @Parameter(property = "crossdeploy.overwrite", defaultValue = "false")
    private String overwrite;

    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    private String pluginVersion;

    /** Init scaffolds a project's files; Maven's stand-in project or an aggregator gets a one-line refusal instead. */
    @Override
    protected boolean isAggregatorWithoutStack() {
        return false;
    }

    @Override
    protected void run() {
        // Every input is read before the first write.
        boolean table = Inputs.flag("crossdeploy.withTable", withTable, false);
        boolean api = Inputs.flag("crossdeploy.withApi", withApi, false);
        boolean skip = Inputs.flag("crossdeploy.skipExisting", skipExisting, false);
        boolean replace = Inputs.flag("crossdeploy.overwrite", overwrite, false);
        if (skip && replace) {
            throw new CrossdeployException("crossdeploy.skipExisting and crossdeploy.overwrite contradict each other; set one of them.");
        }
        if (project.getFile() == null || !"jar".equals(project.getPackaging())) {
            throw new CrossdeployException("crossdeploy:init scaffolds a service in a jar project"
                    + (project.getFile() == null ? ", and there is no pom.xml here" : "; " + project.getArtifactId()
                    + " has packaging " + project.getPackaging()) + ": run it in the module that holds the function's code.");
        }
        var dir = project.getBasedir().toPath();
        List<StageAccount> stages = List.of();
        if (accounts != null && !accounts.isBlank()) {
            stages = StageAccount.parse(accounts);
        } else if (!pomDeclaresStages() && !Files.exists(dir.resolve(ServiceFiles.STAGES_FILE))) {
            throw new CrossdeployException("crossdeploy:init needs the accounts to deploy to, in promotion order:"
                    + " -Dcrossdeploy.accounts=staging=<12-digit account id>,prod=<12-digit account id> (prod is protected).");
        }
        ScaffoldRequest request = new ScaffoldRequest(dir, project.getArtifactId(),
                HandlerName.of(handler, project.getGroupId(), project.getArtifactId()), table, api, stages, region(),
                replace ? ExistingFiles.OVERWRITE : skip ? ExistingFiles.SKIP : ExistingFiles.REFUSE,
                project.getBuildPlugins().stream().anyMatch(p -> PLUGIN_KEY.equals(p.getKey())), pluginVersion);
        new Scaffolder(reporter()).scaffold(request);
    }

    private String region() {
        if (region != null && !region.isBlank()) return region.trim();
        String env = System.getenv("AWS_REGION");
        return env == null || env.isBlank() ? "us-east-1" : env.trim();
    }

    private boolean pomDeclaresStages() {
        for (Plugin plugin : project.getBuildPlugins()) {
            if (PLUGIN_KEY.equals(plugin.getKey()) && plugin.getConfiguration() instanceof Xpp3Dom config
                    && config.getChild("stages") != null) {
                return true;
            }
        }
        return false;
    }
}
