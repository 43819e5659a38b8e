package dev.crossdeploy.localcloud.cloudformation.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CloudFormation YAML: the short-form function tags ({@code !Ref}, {@code !GetAtt a.b},
 * {@code !Sub}, ...) become their long JSON form ({@code {"Fn::GetAtt": ["a", "b"]}}), and
 * dates stay strings (so {@code AWSTemplateFormatVersion: 2010-09-09} keeps its text).
 */
final class CfnYaml {
    private static final List<String> FUNCTIONS = List.of("Sub", "Join", "Select", "Split", "If", "Equals",
            "And", "Or", "Not", "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr", "Length", "ToJsonString",
            "Transform");

    private CfnYaml() {}

    static Object load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setAllowDuplicateKeys(false);
        return new Yaml(new Constructor(options)).load(text);
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            yamlConstructors.put(new Tag("!Ref"), new Function("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Function("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String f : FUNCTIONS) yamlConstructors.put(new Tag("!" + f), new Function("Fn::" + f));
        }

        private Object value(Node node) {
            if (node instanceof ScalarNode s) return constructScalar(s);
            if (node instanceof SequenceNode s) {
                List<Object> out = new ArrayList<>();
                for (Node child : s.getValue()) out.add(constructObject(child));
                return out;
            }
            Map<Object, Object> out = new LinkedHashMap<>();
            for (var tuple : ((MappingNode) node).getValue()) {
                out.put(constructObject(tuple.getKeyNode()), constructObject(tuple.getValueNode()));
            }
            return out;
        }

        private final class Function extends AbstractConstruct {
            private final String name;

            Function(String name) { this.name = name; }

            @Override
            public Object construct(Node node) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(name, value(node));
                return m;
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object v = value(node);
                if (v instanceof String s) {
                    int dot = s.indexOf('.');
                    v = dot < 0 ? List.of(s) : List.of(s.substring(0, dot), s.substring(dot + 1));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Fn::GetAtt", v);
                return m;
            }
        }
    }
}
