package dev.crossdeploy.stage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.crossdeploy.CrossdeployException;
import dev.crossdeploy.input.Inputs;
import dev.crossdeploy.input.ParseErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the YAML stages file:
 * <pre>
 * stages:
 *   - name: qa
 *     accountId: "333333333333"
 *     region: eu-west-1
 *     parameters: { LogLevel: DEBUG }
 * </pre>
 * Field names are those of {@link StageSpec}, with {@code protected} for protection. An optional
 * {@code groups:} map names lists of stages that {@code -Dstage} may name at once:
 * <pre>
 * groups:
 *   qa-all: [qa-eu, qa-us]
 * </pre>
 * A group may also be an object, which can roll its stages out through one stack set
 * ({@link StackSetConfig}):
 * <pre>
 * groups:
 *   teams:
 *     stages: [team-a, team-b]
 *     stackSet: { maxConcurrent: 5, failureTolerance: 1 }
 * </pre>
 */
public final class StagesFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private StagesFile() {}

    /** The stages in {@code file}, in file order. */
    public static List<StageSpec> read(Path file) {
        return load(file).stages();
    }

    /**
     * What a stages file declares: its stages in file order, its groups (name to stage names) and
     * the groups that roll out through a stack set (name to their {@code stackSet:} block).
     */
    public record Contents(List<StageSpec> stages, Map<String, List<String>> groups, Map<String, StackSetConfig> stackSets) {
        public Contents {
            stackSets = stackSets == null ? Map.of() : Map.copyOf(stackSets);
        }

        public Contents(List<StageSpec> stages, Map<String, List<String>> groups) {
            this(stages, groups, Map.of());
        }
    }

    /** The stages and groups in {@code file}. */
    public static Contents load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CrossdeployException("Stages file " + file + " does not exist or is not a file;"
                    + " fix crossdeploy.stagesFile or create the file.");
        }
        try {
            // An empty or comment-only file has no document at all; say what belongs in it.
            var tree = YAML.readTree(file.toFile());
            Document doc = tree == null || tree.isMissingNode() || tree.isNull() ? null
                    : YAML.readValue(file.toFile(), Document.class);
            if (doc == null || doc.stages == null) {
                throw new CrossdeployException("Stages file " + file + " has no 'stages:' list;"
                        + " start it with 'stages:' followed by '- name: ...' entries.");
            }
            Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
            Map<String, StackSetConfig> stackSets = new java.util.LinkedHashMap<>();
            if (doc.groups != null) {
                doc.groups.forEach((name, group) -> {
                    List<String> members = group == null ? null : group.stages;
                    groups.put(name, members == null ? List.of()
                            : members.stream().map(m -> m == null ? "" : m.trim()).toList());
                    if (group != null && group.stackSet != null) stackSets.put(name, group.stackSet.toConfig());
                });
            }
            return new Contents(doc.stages.stream().map(e -> e == null ? null : e.toSpec()).toList(), groups, stackSets);
        } catch (JsonProcessingException e) {
            throw new CrossdeployException("Cannot read stages file " + file + ParseErrors.describe(e) + "; fix the YAML there.", e);
        } catch (IOException e) {
            throw new CrossdeployException("Cannot read stages file " + file + ": " + e.getMessage()
                    + "; check that the build can read it.", e);
        }
    }

    /** The file's shape; mutable fields so Jackson reports an unknown field at its own line. */
    static final class Document {
        public List<Entry> stages;
        public Map<String, Group> groups;
    }

    /** A group: a plain list of stage names, or an object with {@code stages:} and an optional {@code stackSet:}. */
    @JsonDeserialize(using = GroupReader.class)
    static final class Group {
        public List<String> stages;
        public StackSetEntry stackSet;
    }

    /** The object form of a group, read with the file's strictness (unknown fields fail at their line). */
    static final class GroupObject {
        public List<String> stages;
        public StackSetEntry stackSet;
    }

    /** Reads either form of a group. */
    static final class GroupReader extends JsonDeserializer<Group> {
        @Override
        public Group deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Group group = new Group();
            if (p.currentToken() == JsonToken.START_OBJECT) {
                GroupObject object = ctxt.readValue(p, GroupObject.class);
                group.stages = object.stages;
                group.stackSet = object.stackSet;
            } else {
                group.stages = ctxt.readValue(p, ctxt.getTypeFactory().constructCollectionType(List.class, String.class));
            }
            return group;
        }
    }

    static final class StackSetEntry {
        public String name;
        public Integer maxConcurrent;
        public Integer failureTolerance;
        public List<String> regionOrder;
        public String regionConcurrency;
        public String concurrencyMode;
        public String allowProtected;
        public String executionRoleName;

        StackSetConfig toConfig() {
            return new StackSetConfig(name, maxConcurrent, failureTolerance, regionOrder, regionConcurrency, concurrencyMode,
                    Inputs.flag("stackSet allowProtected", allowProtected, false), executionRoleName);
        }
    }

    static final class Entry {
        public String name;
        public String accountId;
        public String region;
        public String deployRoleArn;
        public String executionRoleArn;
        public String artifactBucket;
        public String artifactPrefix;
        public String kmsKeyId;
        public String externalId;
        public Map<String, String> parameters;
        public Map<String, String> tags;
        @JsonProperty("protected")
        public String protectedStage;
        public List<String> capabilities;
        public String requireVerifiedIn;

        StageSpec toSpec() {
            return new StageSpec(name, accountId, region, deployRoleArn, executionRoleArn, artifactBucket,
                    artifactPrefix, kmsKeyId, externalId, parameters, tags,
                    Inputs.optionalFlag("Stage '" + name + "': protected", protectedStage), capabilities,
                    requireVerifiedIn);
        }
    }
}
