package dev.crossdeploy.maven;

import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A project and a log for Mojos built directly in tests (fields set as Maven would bind them). */
final class MojoTestSupport {
    private MojoTestSupport() {}

    /** A project with {@code template} at the conventional {@code src/main/cloudformation/template.yaml}. */
    static MavenProject projectWithTemplate(Path basedir, String template) throws IOException {
        Path file = basedir.resolve("src/main/cloudformation/template.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, template);
        return project(basedir);
    }

    static MavenProject project(Path basedir) {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("orders-api");
        model.setVersion("1.0");
        Build build = new Build();
        build.setDirectory(basedir.resolve("target").toString());
        build.setOutputDirectory(basedir.resolve("target/classes").toString());
        build.setFinalName("orders-api-1.0");
        model.setBuild(build);
        MavenProject project = new MavenProject(model);
        project.setFile(basedir.resolve("pom.xml").toFile());
        return project;
    }

    /** A Maven log that keeps its lines ("INFO ...", "WARN ...", "ERROR ..."). */
    static final class Lines extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override public void info(CharSequence content) { lines.add("INFO " + content); }
        @Override public void warn(CharSequence content) { lines.add("WARN " + content); }
        @Override public void error(CharSequence content) { lines.add("ERROR " + content); }
    }

    static StageParameter stage(String name, String accountId, String region) {
        StageParameter p = new StageParameter();
        p.setName(name);
        p.setAccountId(accountId);
        p.setRegion(region);
        return p;
    }

    static Log quiet() { return new Lines(); }
}
