package dev.crossdeploy.maven;

import org.junit.jupiter.api.Test;
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
 * How Maven binds the stack goals' parameters, read from the generated descriptor
 * (META-INF/maven/plugin.xml) that Maven itself uses. Each entry is "expression|default".
 */
class StackMojoBindingsTest {

    @Test
    void deployStackKnobsAreCrossdeployProperties() throws Exception {
        assertThat(bindings("deploy-stack"))
                .containsEntry("stackName", "${crossdeploy.stackName}|")
                .containsEntry("template", "${crossdeploy.template}|")
                .containsEntry("artifactBucketParameter", "${crossdeploy.artifactBucketParameter}|ArtifactBucket")
                .containsEntry("artifactKeyParameter", "${crossdeploy.artifactKeyParameter}|ArtifactKey")
                .containsEntry("stageParameter", "${crossdeploy.stageParameter}|Stage")
                .containsEntry("allowReplace", "${crossdeploy.allowReplace}|")
                .containsEntry("dryRun", "${crossdeploy.dryRun}|false")
                .containsEntry("timeout", "${crossdeploy.timeout}|PT30M")
                .containsEntry("skip", "${crossdeploy.skip}|false")
                .containsEntry("stage", "${stage}|")
                .containsEntry("buildDirectory", "|${project.build.directory}");
    }

    @Test
    void deleteStackAndOutputsShareTheStackName() throws Exception {
        assertThat(bindings("delete-stack"))
                .containsEntry("stackName", "${crossdeploy.stackName}|")
                .containsEntry("timeout", "${crossdeploy.timeout}|PT30M")
                .containsEntry("skip", "${crossdeploy.skip}|false");
        assertThat(bindings("outputs"))
                .containsEntry("stackName", "${crossdeploy.stackName}|")
                .containsEntry("buildDirectory", "|${project.build.directory}")
                .containsEntry("skip", "${crossdeploy.skip}|false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy-stack", "delete-stack", "outputs"})
    void everyKnobButTheStageIsACrossdeployProperty(String goal) throws Exception {
        bindings(goal).forEach((name, binding) -> {
            if (!binding.startsWith("|") && !name.equals("stage")) {
                assertThat(binding).as(goal + " " + name).startsWith("${crossdeploy.");
            }
        });
    }

    private static Map<String, String> bindings(String goal) throws Exception {
        NodeList mojos = descriptor().getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            if (!goal.equals(mojo.getElementsByTagName("goal").item(0).getTextContent().trim())) continue;
            Map<String, String> bindings = new LinkedHashMap<>();
            NodeList children = mojo.getElementsByTagName("configuration").item(0).getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                if (children.item(j).getNodeType() != Node.ELEMENT_NODE) continue;
                Element p = (Element) children.item(j);
                bindings.put(p.getTagName(), p.getTextContent().trim() + "|" + p.getAttribute("default-value"));
            }
            return bindings;
        }
        throw new AssertionError("no goal " + goal + " in the plugin descriptor");
    }

    private static Document descriptor() throws Exception {
        for (URL url : Collections.list(StackMojoBindingsTest.class.getClassLoader().getResources("META-INF/maven/plugin.xml"))) {
            try (InputStream in = url.openStream()) {
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
                if ("crossdeploy-maven-plugin".equals(doc.getDocumentElement().getElementsByTagName("artifactId").item(0).getTextContent().trim())) {
                    return doc;
                }
            }
        }
        throw new AssertionError("the build did not generate the plugin descriptor");
    }
}
