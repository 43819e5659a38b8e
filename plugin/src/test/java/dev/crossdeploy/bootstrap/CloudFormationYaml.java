package dev.crossdeploy.bootstrap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads a CloudFormation YAML template into maps, turning short-form tags ({@code !Ref x}) into their long form. */
public final class CloudFormationYaml {
    private static final List<String> FUNCTIONS = List.of("Ref", "GetAtt", "Sub", "Join", "If", "Equals", "Not",
            "Or", "And", "Condition", "Split", "Select", "FindInMap", "ImportValue", "Base64", "GetAZs", "Cidr");

    private CloudFormationYaml() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Path file) throws IOException {
        return (Map<String, Object>) new Yaml(new Constructor()).load(Files.readString(file));
    }

    /** Walks nested maps and lists: {@code at(template, "Resources", "Pipeline", "Properties")}. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object root, Object... path) {
        Object node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(step);
        }
        return (T) node;
    }

    private static final class Constructor extends SafeConstructor {
        Constructor() {
            super(new LoaderOptions());
            for (String f : FUNCTIONS) {
                String name = f.equals("Ref") || f.equals("Condition") ? f : "Fn::" + f;
                yamlConstructors.put(new Tag("!" + f), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object value;
                        if (node instanceof ScalarNode s) {
                            value = f.equals("GetAtt") ? Arrays.asList(s.getValue().split("\\.", 2)) : s.getValue();
                        } else if (node instanceof SequenceNode seq) {
                            value = constructSequence(seq);
                        } else {
                            value = constructMapping((MappingNode) node);
                        }
                        return Map.of(name, value);
                    }
                });
            }
        }
    }
}
