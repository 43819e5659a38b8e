package dev.crossdeploy.stack;

import dev.crossdeploy.testing.RecordingReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * example-api's own template, deployed by the engine twice with two builds that differ only in
 * code: the second change set touches the function, its version and its alias and nothing
 * else, so no table, role, log group or API is re-tagged by a release.
 */
class ExampleApiChangeSetTest {
    @RegisterExtension
    static final StackCloud cloud = new StackCloud(0);

    private static final Path TEMPLATE = Path.of("../example-api/src/main/cloudformation/template.yaml");
    private static final String FIRST = "1111111111111111111111111111111111111111111111111111111111111111";
    private static final String SECOND = "2222222222222222222222222222222222222222222222222222222222222222";

    @TempDir
    Path dir;

    final RecordingReporter reporter = new RecordingReporter();

    @Test
    void aCodeOnlyChangeModifiesExactlyTheFunctionItsVersionAndItsAlias() {
        String bucket = cloud.stage("staging", Map.of(), false).artifactBucket();
        cloud.s3().createBucket(b -> b.bucket(bucket));
        DeployResult first = deploy(bucket, FIRST, "build 1");
        assertThat(first.status()).isEqualTo("CREATE_COMPLETE");
        reporter.clear();

        DeployResult second = deploy(bucket, SECOND, "build 2");

        assertThat(second.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(second.changes()).containsExactly(
                new ChangeRow("Modify", "Function", "AWS::Lambda::Function", "False", "Properties: Code"),
                new ChangeRow("Modify", "FunctionVersion", "AWS::Lambda::Version", "True", "Properties: Description (replaces)"),
                new ChangeRow("Modify", "LiveAlias", "AWS::Lambda::Alias", "False", "Properties: FunctionVersion"));
        assertThat(reporter.messages()).containsSubsequence(
                "  Action  Logical ID       Type                   Replacement  Why",
                "  Modify  Function         AWS::Lambda::Function  False        Properties: Code",
                "  Modify  FunctionVersion  AWS::Lambda::Version   True         Properties: Description (replaces)",
                "  Modify  LiveAlias        AWS::Lambda::Alias     False        Properties: FunctionVersion");
        // Which build runs is on record in the stack's ArtifactKey parameter.
        assertThat(cloud.cfn().describeStacks(b -> b.stackName("example-api-staging")).stacks().get(0).parameters())
                .anySatisfy(p -> assertThat(p.parameterKey() + "=" + p.parameterValue()).isEqualTo("ArtifactKey=example-api/" + SECOND + ".zip"));
    }

    private DeployResult deploy(String bucket, String sha256, String code) {
        String key = "example-api/" + sha256 + ".zip";
        cloud.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(zip(code)));
        DeployRequest request = new DeployRequest(cloud.stage("staging", Map.of(), false), "example-api-staging", TEMPLATE,
                new ArtifactRef(bucket, key, sha256), ParameterNames.DEFAULTS, Set.of(), false, Duration.ofMinutes(2),
                dir.resolve("target/crossdeploy"));
        return new StackDeployer(cloud.cfn(), new S3TemplateUploader(cloud.s3()), reporter,
                Timing.real().withPolls(Duration.ofMillis(10), Duration.ofMillis(200))).deploy(request);
    }

    private static byte[] zip(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("build.txt"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
