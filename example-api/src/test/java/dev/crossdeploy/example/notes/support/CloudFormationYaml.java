package dev.crossdeploy.example.notes.support;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation YAML template into maps and lists, turning short-form tags into
 * their long form ({@code !Ref X} becomes {@code {Ref: X}}, {@code !Sub s} becomes
 * {@code {Fn::Sub: s}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}}).
 */
public final class CloudFormationYaml {
    private CloudFormationYaml() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path template) throws IOException {
        try (Reader reader = Files.newBufferedReader(template)) {
            return (Map<String, Object>) new Yaml(new IntrinsicFunctions()).load(reader);
        }
    }

    private static final class IntrinsicFunctions extends SafeConstructor {
        IntrinsicFunctions() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String function = node.getTag().getValue().substring(1);
                    Object argument;
                    if (node instanceof ScalarNode scalar) {
                        argument = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        argument = constructSequence(sequence);
                    } else if (node instanceof MappingNode mapping) {
                        argument = constructMapping(mapping);
                    } else {
                        throw new IllegalArgumentException("Unexpected node " + node);
                    }
                    if (function.equals("Ref")) {
                        return Map.of("Ref", argument);
                    }
                    if (function.equals("GetAtt") && argument instanceof String dotted) {
                        int dot = dotted.indexOf('.');
                        return Map.of("Fn::GetAtt", List.of(dotted.substring(0, dot), dotted.substring(dot + 1)));
                    }
                    return Map.of("Fn::" + function, argument);
                }
            });
        }
    }
}
