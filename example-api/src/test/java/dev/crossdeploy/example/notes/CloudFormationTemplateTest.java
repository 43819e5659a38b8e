package dev.crossdeploy.example.notes;

import dev.crossdeploy.example.notes.support.CloudFormationYaml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment template's promises that reviewers rely on: data kept, least privilege,
 * the function wired to the code that is built here, and nothing referenced that is not declared.
 */
class CloudFormationTemplateTest {
    private static final Set<String> PSEUDO_PARAMETERS = Set.of(
            "AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::StackName", "AWS::StackId", "AWS::URLSuffix");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private static Map<String, Object> template;

    @BeforeAll
    static void readTemplate() throws Exception {
        Path basedir = Path.of(System.getProperty("example.basedir", System.getProperty("user.dir")));
        template = CloudFormationYaml.read(basedir.resolve("src/main/cloudformation/template.yaml"));
    }

    @Test
    void stageParameterAcceptsStageNamesOnly() {
        Pattern allowed = Pattern.compile((String) at("Parameters", "Stage", "AllowedPattern"));

        assertThat(List.of("staging", "qa", "prod", "feature-42"))
                .allMatch(stage -> allowed.matcher(stage).matches());
        assertThat(List.of("", "Prod", "1qa", "qa_2", "stage with space", "a-very-long-stage-name-indeed"))
                .noneMatch(stage -> allowed.matcher(stage).matches());
        assertThat(map("Parameters")).containsKeys("ArtifactBucket", "ArtifactKey", "Stage");
    }

    @Test
    void tableKeepsItsDataAndMatchesTheRepositorysKey() {
        Map<String, Object> table = map("Resources", "NotesTable");

        assertThat(table).containsEntry("Type", "AWS::DynamoDB::Table")
                .containsEntry("DeletionPolicy", "Retain")
                .containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(at("Resources", "NotesTable", "Properties", "BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(at("Resources", "NotesTable", "Properties", "PointInTimeRecoverySpecification",
                "PointInTimeRecoveryEnabled")).isEqualTo(true);
        assertThat(at("Resources", "NotesTable", "Properties", "SSESpecification", "SSEEnabled")).isEqualTo(true);
        assertThat(at("Resources", "NotesTable", "Properties", "KeySchema"))
                .isEqualTo(List.of(Map.of("AttributeName", NoteRepository.ID, "KeyType", "HASH")));
    }

    @Test
    void executionRoleGrantsOnlyItemActionsOnItsTableAndLogsOnItsGroup() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list("Resources", "FunctionRole", "Properties", "Policies")) {
            statements.addAll(castList(((Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument")).get("Statement")));
        }

        assertThat(statements).hasSize(2).allSatisfy(statement -> assertThat(statement).containsEntry("Effect", "Allow"));
        assertThat(statements.get(0).get("Action")).isEqualTo(List.of(
                "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan"));
        assertThat(statements.get(0).get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of("NotesTable", "Arn")));
        assertThat(statements.get(1).get("Action")).isEqualTo(List.of("logs:CreateLogStream", "logs:PutLogEvents"));
        assertThat(statements.get(1).get("Resource")).isEqualTo(Map.of("Fn::Sub",
                "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/example-api-${Stage}:*"));
        assertThat(at("Resources", "FunctionLogGroup", "Properties", "LogGroupName"))
                .isEqualTo(Map.of("Fn::Sub", "/aws/lambda/example-api-${Stage}"));
        assertThat(at("Resources", "Function", "Properties", "FunctionName"))
                .isEqualTo(Map.of("Fn::Sub", "example-api-${Stage}"));
    }

    @Test
    void functionRunsThisHandlerFromTheUploadedArtifactWithSnapStart() {
        Map<String, Object> function = map("Resources", "Function", "Properties");

        assertThat(function).containsEntry("Runtime", "java21")
                .containsEntry("Handler", NotesHandler.class.getName() + "::handleRequest")
                .containsEntry("Code", Map.of("S3Bucket", Map.of("Ref", "ArtifactBucket"),
                        "S3Key", Map.of("Ref", "ArtifactKey")))
                .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
                .containsKeys("MemorySize", "Timeout");
        assertThat(at("Resources", "Function", "Properties", "Environment", "Variables"))
                .isEqualTo(Map.of(NotesHandler.TABLE_NAME_VARIABLE, Map.of("Ref", "NotesTable")));
    }

    @Test
    void apiInvokesTheLiveAliasOnEveryPath() {
        assertThat(at("Resources", "LiveAlias", "Properties", "Name")).isEqualTo("live");
        assertThat(at("Resources", "ProxyResource", "Properties", "PathPart")).isEqualTo("{proxy+}");
        for (String method : List.of("ProxyMethod", "RootMethod")) {
            assertThat(at("Resources", method, "Properties", "HttpMethod")).isEqualTo("ANY");
            assertThat(at("Resources", method, "Properties", "Integration", "Type")).isEqualTo("AWS_PROXY");
            assertThat(at("Resources", method, "Properties", "Integration", "Uri").toString()).contains("${LiveAlias}");
        }
        assertThat(at("Resources", "ApiInvokePermission", "Properties", "FunctionName"))
                .isEqualTo(Map.of("Ref", "LiveAlias"));
        assertThat(at("Resources", "ApiStage", "Properties", "StageName")).isEqualTo(Map.of("Ref", "Stage"));
    }

    @Test
    void outputsGiveTheApiUrlAndTableName() {
        assertThat(at("Outputs", "ApiUrl", "Value")).isEqualTo(Map.of("Fn::Sub",
                "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}"));
        assertThat(at("Outputs", "TableName", "Value")).isEqualTo(Map.of("Ref", "NotesTable"));
    }

    @Test
    void everyReferenceNamesADeclaredParameterOrResource() {
        Set<String> declared = new java.util.HashSet<>(map("Parameters").keySet());
        declared.addAll(map("Resources").keySet());
        declared.addAll(PSEUDO_PARAMETERS);
        List<String> referenced = new ArrayList<>();
        collectReferences(template.get("Resources"), referenced);
        collectReferences(template.get("Outputs"), referenced);

        assertThat(referenced).isNotEmpty();
        assertThat(declared).containsAll(referenced);
        for (Object resource : map("Resources").values()) {
            Object dependsOn = ((Map<?, ?>) resource).get("DependsOn");
            if (dependsOn != null) {
                assertThat(declared).containsAll(dependsOn instanceof List<?> l ? castStrings(l) : List.of((String) dependsOn));
            }
        }
    }

    private static void collectReferences(Object node, List<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("Ref".equals(key)) {
                    into.add((String) value);
                } else if ("Fn::GetAtt".equals(key)) {
                    into.add((String) ((List<?>) value).get(0));
                } else if ("Fn::Sub".equals(key) && value instanceof String text) {
                    Matcher matcher = SUB_VARIABLE.matcher(text);
                    while (matcher.find()) {
                        into.add(matcher.group(1).split("\\.")[0]);
                    }
                } else {
                    collectReferences(value, into);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, into));
        }
    }

    private static Object at(String... path) {
        Object node = template;
        for (String key : path) {
            assertThat(node).as("parent of " + key).isInstanceOf(Map.class);
            node = ((Map<?, ?>) node).get(key);
            assertThat(node).as(String.join(".", path)).isNotNull();
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String... path) {
        return (Map<String, Object>) at(path);
    }

    private static List<?> list(String... path) {
        return (List<?>) at(path);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object list) {
        return (List<Map<String, Object>>) list;
    }

    private static List<String> castStrings(List<?> list) {
        return list.stream().map(String.class::cast).toList();
    }
}
