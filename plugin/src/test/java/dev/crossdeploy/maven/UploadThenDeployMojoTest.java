package dev.crossdeploy.maven;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.localcloud.CloudModule;
import dev.crossdeploy.localcloud.http.CloudRequest;
import dev.crossdeploy.localcloud.http.CloudResponse;
import dev.crossdeploy.testing.LocalCloudFixture;
import dev.crossdeploy.testing.TestZips;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mvn crossdeploy:upload-to-account crossdeploy:deploy-stack -Dstage=staging,qa,prod}: the
 * run ends with one summary table, and each stage's KMS key is resolved once for both goals.
 */
class UploadThenDeployMojoTest {
    /** Counts kms:DescribeKey as the cloud receives it, per key id, retries included. */
    static final class DescribeKeyCounter implements CloudModule {
        private static final Pattern KEY_ID = Pattern.compile("\"KeyId\"\\s*:\\s*\"([^\"]+)\"");
        final Map<String, Integer> byKey = Collections.synchronizedMap(new HashMap<>());

        @Override
        public Optional<CloudResponse> serve(CloudRequest request) {
            if (!"TrentService.DescribeKey".equals(request.header("X-Amz-Target"))) return Optional.empty();
            // The body is kept by the request once read, so KMS still sees it.
            Matcher key = KEY_ID.matcher(new String(request.bodyBytes(), StandardCharsets.UTF_8));
            byKey.merge(key.find() ? key.group(1) : "?", 1, Integer::sum);
            return Optional.empty();
        }
    }

    static final DescribeKeyCounter describeKeys = new DescribeKeyCounter();

    @RegisterExtension
    static LocalCloudFixture cloud = new LocalCloudFixture(5, List.of(describeKeys));

    static final List<String> ACCOUNTS = List.of("staging", "qa", "prod");

    @TempDir
    Path dir;

    MavenProject project;
    final String build = java.util.UUID.randomUUID().toString();
    /** Maven's plugin context for this project, shared by the goals of one build. */
    final Map<Object, Object> pluginContext = new HashMap<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> keys = new HashMap<>();

    @BeforeEach
    void project() throws Exception {
        describeKeys.byKey.clear();
        project = MojoTestSupport.project(dir);
        Files.createDirectories(dir.resolve("target/crossdeploy"));
        Path zip = TestZips.of(dir.resolve("target/orders-api-1.0-lambda.zip"), Map.of("README", new byte[] {1}));
        Path template = dir.resolve("target/crossdeploy/template.yaml");
        Files.writeString(template, FanOutGoalsMojoTest.TEMPLATE);
        new ArtifactManifest(zip, Sha256.hexOf(zip), Files.size(zip), template, "com.example", "orders-api", "1.0")
                .write(ArtifactManifest.locationIn(dir.resolve("target")));
        for (String account : ACCOUNTS) {
            cloud.seed(account).apply();
            try (KmsClient kms = cloud.root(account).kms()) {
                keys.put(account, kms.createKey(r -> {}).keyMetadata().arn());
            }
        }
    }

    <M extends AbstractStageMojo> M configure(M mojo) {
        mojo.project = project;
        mojo.stage = "staging,qa,prod";
        mojo.stages = ACCOUNTS.stream().map(name -> {
            StageParameter p = MojoTestSupport.stage(name, cloud.accountId(name), cloud.region());
            p.setKmsKeyId(keys.get(name));
            return p;
        }).toList();
        mojo.skip = "false";
        mojo.parallel = "3";
        mojo.setPluginContext(pluginContext);
        mojo.setLog(new SystemStreamLog() {
            @Override public void info(CharSequence content) { log.add("INFO " + content); }
            @Override public void warn(CharSequence content) { log.add("WARN " + content); }
            @Override public void error(CharSequence content) { log.add("ERROR " + content); }
        });
        return mojo;
    }

    UploadToAccountMojo upload(List<String> goals) {
        UploadToAccountMojo mojo = configure(new UploadToAccountMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings().sharedWithin(build); }
            @Override protected List<String> goalsOfThisBuild() { return goals; }
        });
        mojo.multipartThreshold = "16777216";
        mojo.partSize = "8388608";
        mojo.uploadThreads = "4";
        return mojo;
    }

    DeployStackMojo deploy() {
        DeployStackMojo mojo = configure(new DeployStackMojo() {
            @Override protected AwsSettings awsSettings() { return cloud.pipelineSettings().sharedWithin(build); }
        });
        mojo.buildDirectory = dir.resolve("target").toFile();
        mojo.timeout = "PT5M";
        return mojo;
    }

    /** The run's own lines: neither a stage's (prefixed) nor the report's path. */
    List<String> tableLines() {
        return log.stream().filter(l -> !l.startsWith("INFO [") && !l.startsWith("WARN [") && !l.startsWith("ERROR [")
                && !l.startsWith("INFO Deployment report: ")).toList();
    }

    @Test
    void uploadThenDeployPrintsOneTableAndResolvesEachStagesKeyOnce() throws Exception {
        List<String> goals = List.of("crossdeploy:upload-to-account", "crossdeploy:deploy-stack");

        upload(goals).execute();
        deploy().execute();

        assertThat(tableLines()).hasSize(4);
        assertThat(tableLines().get(0)).isEqualTo("INFO Stage    Account                   Artifact  Result  Duration  Changes");
        assertThat(tableLines().get(1)).matches("INFO staging  222222222222 \\(us-east-1\\)  uploaded  OK      \\d+\\.\\d s     1");
        assertThat(tableLines().get(3)).matches("INFO prod     444444444444 \\(us-east-1\\)  uploaded  OK      \\d+\\.\\d s     1");
        // One DescribeKey per stage for both goals, each in its own account.
        assertThat(describeKeys.byKey).containsOnlyKeys(keys.values()).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
    }

    @Test
    void theDeployPhaseOfTheCrossdeployLifecycleAlsoPrintsOneTable() throws Exception {
        upload(List.of("deploy-stack")).execute();
        deploy().execute();

        assertThat(tableLines()).hasSize(4).first().isEqualTo("INFO Stage    Account                   Artifact  Result  Duration  Changes");
        assertThat(tableLines().get(2)).matches("INFO qa       333333333333 \\(us-east-1\\)  uploaded  OK      \\d+\\.\\d s     1");
    }

    @Test
    void uploadAloneStillEndsWithItsOwnTable() throws Exception {
        upload(List.of("crossdeploy:upload-to-account")).execute();

        assertThat(tableLines()).hasSize(4).first().isEqualTo("INFO Stage    Account                   Result  Duration  Changes");
        assertThat(pluginContext).doesNotContainKey(SameBuild.UPLOADS);
    }
}
