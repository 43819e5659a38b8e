package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.testing.LocalCloudFixture;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One Maven build deploying a project to the staging, qa and prod accounts of a local cloud
 * (prod protected): its goals configured as Maven binds them for {@code -Dstage=<list>}, three
 * stages at a time, every line they log kept in {@link #log}. Each test makes its own, so goals
 * of one test share their role sessions and no test sees another's.
 */
final class FanOutBuild {
    static final List<String> ACCOUNTS = List.of("staging", "qa", "prod");

    final MavenProject project;
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final LocalCloudFixture cloud;
    private final String scope = UUID.randomUUID().toString();

    FanOutBuild(LocalCloudFixture cloud, Path dir, String template) throws IOException {
        this.cloud = cloud;
        this.project = MojoTestSupport.projectWithTemplate(dir, template);
    }

    /** What every goal of this build works with: the pipeline's credentials, sessions shared within the build. */
    AwsSettings settings() {
        return cloud.pipelineSettings().sharedWithin(scope);
    }

    /** {@code mojo} for {@code -Dstage=<stageList>}; {@code perStage} adds to each stage's declaration. */
    <M extends AbstractStageMojo> M configure(M mojo, String stageList, Consumer<StageParameter> perStage) {
        mojo.project = project;
        mojo.stage = stageList;
        mojo.stages = ACCOUNTS.stream().map(name -> {
            StageParameter p = MojoTestSupport.stage(name, cloud.accountId(name), cloud.region());
            p.setProtected(String.valueOf(name.equals("prod")));
            perStage.accept(p);
            return p;
        }).toList();
        mojo.skip = "false";
        mojo.parallel = "3";
        mojo.setLog(new SystemStreamLog() {
            @Override public void info(CharSequence content) { log.add("INFO " + content); }
            @Override public void warn(CharSequence content) { log.add("WARN " + content); }
            @Override public void error(CharSequence content) { log.add("ERROR " + content); }
        });
        return mojo;
    }
}
