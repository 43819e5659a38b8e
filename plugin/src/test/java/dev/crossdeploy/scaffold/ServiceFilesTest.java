package dev.crossdeploy.scaffold;

import dev.crossdeploy.bootstrap.CloudFormationYaml;
import dev.crossdeploy.stack.Template;
import dev.crossdeploy.stage.StageSpec;
import dev.crossdeploy.stage.StagesFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each file init scaffolds, read the way its consumer reads it. */
class ServiceFilesTest {
    @TempDir
    Path dir;

    static ScaffoldRequest request(Path dir, boolean table, boolean api) {
        return new ScaffoldRequest(dir, "orders", HandlerName.of(null, "com.acme", "orders"), table, api,
                List.of(new StageAccount("staging", "222222222222"), new StageAccount("prod", "444444444444")),
                "eu-west-1", ExistingFiles.REFUSE, true, "1.0");
    }

    Map<String, Object> template(ScaffoldRequest request) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, ServiceFiles.template(request));
        Template.load(file); // what deploy-stack reads first: valid YAML with parameters crossdeploy knows
        return CloudFormationYaml.load(file);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String... path) {
        Object at = o;
        for (String key : path) at = ((Map<String, Object>) at).get(key);
        return (Map<String, Object>) at;
    }

    @Test
    void theMinimalTemplateHasOneFunctionWhoseRoleMayOnlyWriteItsLogs() throws Exception {
        Map<String, Object> t = template(request(dir, false, false));
        assertThat(map(t, "Parameters").keySet()).containsExactly("ArtifactBucket", "ArtifactKey", "Stage");
        assertThat(map(t, "Resources").keySet()).containsExactly("FunctionLogGroup", "FunctionRole", "Function");
        Map<String, Object> function = map(t, "Resources", "Function", "Properties");
        assertThat(function).containsEntry("Handler", "com.acme.OrdersHandler::handleRequest").containsEntry("Runtime", "java21")
                .containsEntry("FunctionName", Map.of("Ref", "AWS::StackName"));
        assertThat(function.get("Code")).isEqualTo(Map.of("S3Bucket", Map.of("Ref", "ArtifactBucket"), "S3Key", Map.of("Ref", "ArtifactKey")));
        List<Map<String, Object>> policies = (List<Map<String, Object>>) map(t, "Resources", "FunctionRole", "Properties").get("Policies");
        assertThat(policies).hasSize(1);
        List<Map<String, Object>> statements = (List<Map<String, Object>>) map(policies.get(0), "PolicyDocument").get("Statement");
        assertThat(statements).singleElement().satisfies(s -> {
            assertThat(s.get("Action")).isEqualTo(List.of("logs:CreateLogStream", "logs:PutLogEvents"));
            assertThat(s.get("Resource").toString()).contains("log-group:/aws/lambda/${AWS::StackName}:*");
        });
        assertThat(map(t, "Outputs").keySet()).containsExactly("FunctionName");
    }

    @Test
    void withATableTheRoleMayUseOnlyThatTablesItems() throws Exception {
        Map<String, Object> t = template(request(dir, true, false));
        assertThat(map(t, "Resources").keySet()).containsExactly("FunctionLogGroup", "Table", "FunctionRole", "Function");
        assertThat(map(t, "Resources", "Table")).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        List<Map<String, Object>> policies = (List<Map<String, Object>>) map(t, "Resources", "FunctionRole", "Properties").get("Policies");
        assertThat(policies).extracting(p -> p.get("PolicyName")).containsExactly("own-log-group", "table-items");
        Map<String, Object> items = ((List<Map<String, Object>>) map(policies.get(1), "PolicyDocument").get("Statement")).get(0);
        assertThat(items.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of("Table", "Arn")));
        assertThat((List<String>) items.get("Action")).allMatch(a -> a.startsWith("dynamodb:") && !a.contains("Table") && !a.contains("*"))
                .contains("dynamodb:GetItem", "dynamodb:PutItem");
        assertThat(map(t, "Resources", "Function", "Properties", "Environment", "Variables"))
                .containsEntry("TABLE_NAME", Map.of("Ref", "Table"));
        assertThat(map(t, "Outputs").keySet()).containsExactly("FunctionName", "TableName");
    }

    @Test
    void withAnApiEveryRequestReachesTheFunction() throws Exception {
        Map<String, Object> t = template(request(dir, false, true));
        assertThat(map(t, "Resources").keySet()).contains("Api", "ProxyResource", "ProxyMethod", "RootMethod", "ApiDeployment",
                "ApiStage", "ApiInvokePermission");
        assertThat(map(t, "Resources", "ApiInvokePermission", "Properties")).containsEntry("FunctionName", Map.of("Ref", "Function"));
        assertThat(map(t, "Outputs").keySet()).containsExactly("FunctionName", "ApiUrl");
    }

    @Test
    void theStagesFileIsReadByCrossdeployWithProdProtected() throws Exception {
        Path file = dir.resolve("crossdeploy-stages.yaml");
        Files.writeString(file, ServiceFiles.stagesFile(request(dir, false, false)));
        List<StageSpec> stages = StagesFile.read(file);
        assertThat(stages).extracting(StageSpec::name, StageSpec::accountId, StageSpec::region, StageSpec::protectedStage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("staging", "222222222222", "eu-west-1", null),
                        org.assertj.core.groups.Tuple.tuple("prod", "444444444444", "eu-west-1", true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBuildspecFollowsThePipelinesActionContract() {
        Map<String, Object> spec = new Yaml().load(ServiceFiles.buildspec(request(dir, true, true)));
        assertThat(spec.get("version")).isEqualTo(0.2);
        assertThat(map(spec, "env", "variables")).containsEntry("ACTION", "build").containsEntry("STAGE", "");
        String build = String.join("\n", (List<String>) map(spec, "phases", "build").get("commands"));
        assertThat(build).contains("build)\n    mvn -B verify\n    mvn -B crossdeploy:package")
                .contains("mvn -B crossdeploy:upload-to-account crossdeploy:deploy-stack -Dstage=\"$STAGE\"")
                .contains("TARGET_STAGE=\"${STAGE:-staging}\"")
                .contains("mvn -B crossdeploy:mark-verified -Dstage=\"$TARGET_STAGE\"");
        // The deploy and test actions get only the build action's artifact: it must carry what they read.
        assertThat((List<String>) map(spec, "artifacts").get("files")).contains("target/*-lambda.zip",
                "target/crossdeploy/artifact.json", "pom.xml", "crossdeploy-stages.yaml", "src/**/*");
    }

    @Test
    void maven8sJvmStartsFast() {
        ScaffoldFile jvm = ServiceFiles.of(request(dir, false, false), false).stream()
                .filter(f -> f.path().equals(ServiceFiles.JVM_CONFIG)).findFirst().orElseThrow();
        assertThat(jvm.content()).isEqualTo("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto\n");
    }

    @Test
    void theHandlerCompilesWithoutDependenciesAndAnswersInApiGatewaysShape() throws Exception {
        ScaffoldRequest request = request(dir, false, true);
        Path source = dir.resolve("src").resolve(request.handler().sourceFile());
        Files.createDirectories(source.getParent());
        Files.writeString(source, ServiceFiles.handler(request));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "--release", "17", "-d", classes.toString(), source.toString());
        assertThat(rc).as(errors.toString()).isZero();
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()})) {
            Class<?> type = loader.loadClass("com.acme.OrdersHandler");
            Object answer = type.getMethod("handleRequest", Map.class).invoke(type.getConstructor().newInstance(), Map.of());
            assertThat((Map<String, Object>) answer).containsEntry("statusCode", 200)
                    .hasEntrySatisfying("body", b -> assertThat(b.toString()).startsWith("Hello from orders in "));
        }
    }
}
