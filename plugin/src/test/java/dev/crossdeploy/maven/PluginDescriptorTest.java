package dev.crossdeploy.maven;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How Maven binds the goals' parameters: read from the descriptor the build generates
 * (META-INF/maven/plugin.xml), which is what Maven itself uses. Each entry is
 * "expression|default".
 */
class PluginDescriptorTest {

    @ParameterizedTest
    @ValueSource(strings = {"upload-to-account", "deploy-stack", "delete-stack", "outputs", "mark-verified", "deploy-stack-set"})
    void everyStageGoalHasTheSharedParameters(String goal) throws Exception {
        Map<String, String> config = configuration(goal);

        assertThat(config).containsEntry("stage", "${stage}|")
                .containsEntry("stagesFile", "${crossdeploy.stagesFile}|")
                .containsEntry("skip", "${crossdeploy.skip}|false")
                .containsEntry("pathStyleAccess", "${crossdeploy.pathStyleAccess}|false")
                .containsEntry("project", "|${project}");
        // stages is a list of structures: it only comes from the POM, never from a property.
        assertThat(config.keySet()).doesNotContain("region", "endpoint", "endpointUrl");
        config.forEach((name, binding) -> {
            // Read-only values Maven supplies (project, buildDirectory) have no property to bind.
            if (!name.equals("stage") && !binding.startsWith("|")) {
                assertThat(binding).as(name).startsWith("${crossdeploy.");
            }
        });
    }

    /** A goal's help lists only what it reads: packaging and bootstrapping know no stage, packaging no AWS. */
    @org.junit.jupiter.api.Test
    void goalsWithoutAStageListNoStageParameters() throws Exception {
        assertThat(configuration("package").keySet())
                .containsExactlyInAnyOrder("skip", "project", "classesDirectory", "lambdaZip", "template", "outputTimestamp");
        assertThat(configuration("bootstrap").keySet())
                .contains("skip", "pathStyleAccess", "trustAccount", "bootstrapStackName", "stackSetAdministrator",
                        "stackSetAdministration")
                .doesNotContain("stage", "stages", "stagesFile");
        assertThat(configuration("bootstrap").keySet()).doesNotContain("stage", "stages", "stagesFile");
        assertThat(configuration("package").keySet()).doesNotContain("stage", "stages", "stagesFile", "pathStyleAccess");
        assertThat(configuration("deploy-stack").keySet()).contains("stage", "stages", "stagesFile", "pathStyleAccess");
    }

    @ParameterizedTest
    @ValueSource(strings = {"package"})
    void packageDefaultsFollowTheBuild(String goal) throws Exception {
        assertThat(configuration(goal))
                .containsEntry("classesDirectory", "${crossdeploy.classesDirectory}|${project.build.outputDirectory}")
                .containsEntry("lambdaZip", "${crossdeploy.lambdaZip}|${project.build.directory}/${project.build.finalName}-lambda.zip")
                .containsEntry("template", "${crossdeploy.template}|")
                .containsEntry("outputTimestamp", "${crossdeploy.outputTimestamp}|${project.build.outputTimestamp}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"upload-to-account"})
    void uploadDefaults(String goal) throws Exception {
        assertThat(configuration(goal))
                .containsEntry("multipartThreshold", "${crossdeploy.multipartThreshold}|16777216")
                .containsEntry("partSize", "${crossdeploy.partSize}|5242880")
                .containsEntry("uploadThreads", "${crossdeploy.uploadThreads}|4");
    }

    /** The lifecycle behind "mvn deploy-stack -Dstage=qa" (proven with a real Maven build; see the report). */
    @org.junit.jupiter.api.Test
    void theLifecycleBindsTheGoalsWithoutAVersion() throws Exception {
        Document components;
        try (InputStream in = PluginDescriptorTest.class.getResourceAsStream("/META-INF/plexus/components.xml")) {
            components = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        Element component = (Element) components.getElementsByTagName("component").item(0);
        assertThat(text(component, "role")).isEqualTo("org.apache.maven.lifecycle.Lifecycle");
        assertThat(text(component, "role-hint")).isEqualTo("crossdeploy");
        assertThat(text(component, "id")).isEqualTo("crossdeploy");
        NodeList phases = component.getElementsByTagName("phase");
        assertThat(java.util.stream.IntStream.range(0, phases.getLength()).mapToObj(i -> phases.item(i).getTextContent()))
                .containsExactly("package-lambda", "upload-to-account", "deploy-stack");
        assertThat(text(component, "package-lambda")).isEqualTo("dev.crossdeploy:crossdeploy-maven-plugin:package");
        assertThat(text(component, "upload-to-account")).isEqualTo("dev.crossdeploy:crossdeploy-maven-plugin:upload-to-account");
        assertThat(text(component, "deploy-stack")).isEqualTo("dev.crossdeploy:crossdeploy-maven-plugin:deploy-stack");
        for (String goal : new String[] {"upload-to-account", "deploy-stack"}) {
            assertThat(configuration(goal)).as(goal).containsKey("stage");
        }
    }

    private static Map<String, String> configuration(String goal) throws Exception {
        Document descriptor = descriptor();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (!goal.equals(text(mojo, "goal"))) continue;
            Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
            Map<String, String> bindings = new LinkedHashMap<>();
            NodeList children = configuration.getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                if (children.item(j).getNodeType() != Node.ELEMENT_NODE) continue;
                Element p = (Element) children.item(j);
                bindings.put(p.getTagName(), p.getTextContent().trim() + "|" + p.getAttribute("default-value"));
            }
            // Parameters without expression or default (like stages) appear only in <parameters>.
            NodeList names = mojo.getElementsByTagName("name");
            for (int j = 0; j < names.getLength(); j++) bindings.putIfAbsent(names.item(j).getTextContent(), "|");
            return bindings;
        }
        throw new AssertionError("no goal " + goal + " in the plugin descriptor");
    }

    private static Document descriptor() throws Exception {
        for (URL url : Collections.list(PluginDescriptorTest.class.getClassLoader().getResources("META-INF/maven/plugin.xml"))) {
            try (InputStream in = url.openStream()) {
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
                if ("crossdeploy-maven-plugin".equals(text(doc.getDocumentElement(), "artifactId"))) return doc;
            }
        }
        throw new AssertionError("the build did not generate the plugin descriptor");
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
