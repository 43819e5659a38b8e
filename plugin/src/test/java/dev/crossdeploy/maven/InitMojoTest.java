package dev.crossdeploy.maven;

import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The init goal as Maven binds it: its refusals are one line each and write nothing. */
class InitMojoTest {
    @TempDir
    Path dir;
    final MojoTestSupport.Lines log = new MojoTestSupport.Lines();

    InitMojo mojo(MavenProject project, String accounts) throws Exception {
        InitMojo mojo = new InitMojo();
        mojo.project = project;
        mojo.skip = "false";
        mojo.setLog(log);
        set(mojo, "accounts", accounts);
        set(mojo, "region", "eu-west-1");
        set(mojo, "withTable", "false");
        set(mojo, "withApi", "false");
        set(mojo, "skipExisting", "false");
        set(mojo, "overwrite", "false");
        set(mojo, "pluginVersion", "9.9");
        return mojo;
    }

    MavenProject jar() {
        MavenProject project = MojoTestSupport.project(dir);
        project.setPackaging("jar");
        return project;
    }

    @Test
    void scaffoldsTheProjectFromTheAccountsGiven() throws Exception {
        mojo(jar(), "staging=222222222222,prod=444444444444").execute();
        assertThat(dir.resolve("crossdeploy-stages.yaml")).content().contains("accountId: \"444444444444\"\n    region: eu-west-1\n    protected: true");
        assertThat(dir.resolve("src/main/java/com/example/OrdersApiHandler.java")).isRegularFile();
        assertThat(log.lines).contains("INFO   <plugin><groupId>dev.crossdeploy</groupId><artifactId>crossdeploy-maven-plugin</artifactId>"
                + "<version>9.9</version></plugin>");
    }

    @Test
    void withoutAccountsOrStagesItSaysWhatToGive() throws Exception {
        assertThatThrownBy(() -> mojo(jar(), null).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("crossdeploy:init needs the accounts to deploy to, in promotion order:"
                        + " -Dcrossdeploy.accounts=staging=<12-digit account id>,prod=<12-digit account id> (prod is protected).");
        assertThat(dir.resolve("src")).doesNotExist();
    }

    @Test
    void stagesInThePomAreEnough() throws Exception {
        MavenProject project = jar();
        Plugin plugin = new Plugin();
        plugin.setGroupId("dev.crossdeploy");
        plugin.setArtifactId("crossdeploy-maven-plugin");
        Xpp3Dom config = new Xpp3Dom("configuration");
        config.addChild(new Xpp3Dom("stages"));
        plugin.setConfiguration(config);
        project.getBuild().addPlugin(plugin);
        mojo(project, null).execute();
        assertThat(dir.resolve("crossdeploy-stages.yaml")).doesNotExist();
        assertThat(dir.resolve("src/main/cloudformation/template.yaml")).isRegularFile();
        assertThat(log.lines).noneMatch(l -> l.contains("<plugin>"));
    }

    @Test
    void anAggregatorIsRefused() throws Exception {
        MavenProject project = MojoTestSupport.project(dir);
        project.setPackaging("pom");
        assertThatThrownBy(() -> mojo(project, "staging=222222222222").execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("crossdeploy:init scaffolds a service in a jar project; orders-api has packaging pom:"
                        + " run it in the module that holds the function's code.");
    }

    @Test
    void skipAndOverwriteTogetherAreRefused() throws Exception {
        InitMojo mojo = mojo(jar(), "staging=222222222222");
        set(mojo, "skipExisting", "true");
        set(mojo, "overwrite", "true");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("crossdeploy.skipExisting and crossdeploy.overwrite contradict each other; set one of them.");
    }

    @Test
    void aFlagThatIsNoBooleanIsRefused() throws Exception {
        InitMojo mojo = mojo(jar(), "staging=222222222222");
        set(mojo, "withTable", "yes");
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageStartingWith("crossdeploy.withTable");
        assertThat(dir.resolve("src")).doesNotExist();
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = InitMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
