package dev.crossdeploy.localcloud.codebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossdeploy.localcloud.CloudState;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** A build in BatchGetBuilds' shape (timestamps as epoch seconds, as JSON 1.1 sends them). */
final class BuildJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BuildJson() {}

    static ObjectNode of(Build b, CloudState state) {
        Project p = b.project();
        ObjectNode n = JSON.createObjectNode();
        n.put("id", b.id());
        n.put("arn", b.arn());
        n.put("buildNumber", b.buildNumber());
        n.put("startTime", seconds(b.startTime()));
        b.endTime().ifPresent(t -> n.put("endTime", seconds(t)));
        n.put("currentPhase", b.currentPhase());
        n.put("buildStatus", b.status());
        if (b.sourceVersion() != null) {
            n.put("sourceVersion", b.sourceVersion());
            n.put("resolvedSourceVersion", b.sourceVersion());
        }
        n.put("projectName", b.projectName());
        ArrayNode phases = n.putArray("phases");
        for (BuildPhase phase : b.phases()) {
            ObjectNode ph = phases.addObject();
            ph.put("phaseType", phase.type());
            if (phase.status() != null) ph.put("phaseStatus", phase.status());
            ph.put("startTime", seconds(phase.start()));
            if (phase.end() != null) {
                ph.put("endTime", seconds(phase.end()));
                ph.put("durationInSeconds", Math.max(0, phase.end().getEpochSecond() - phase.start().getEpochSecond()));
            }
            if (!phase.contexts().isEmpty() && phase.contexts().get(0).statusCode() != null) {
                ArrayNode contexts = ph.putArray("contexts");
                for (BuildPhase.Context c : phase.contexts()) {
                    contexts.addObject().put("statusCode", c.statusCode()).put("message", c.message());
                }
            }
        }
        ObjectNode source = n.putObject("source");
        source.put("type", b.sourceType());
        if (b.sourceLocation() != null) source.put("location", b.sourceLocation());
        if (p.buildspec() != null) source.put("buildspec", p.buildspec());
        n.putArray("secondarySources");
        n.set("artifacts", artifacts(b, p));
        n.putArray("secondaryArtifacts");
        ObjectNode env = n.putObject("environment");
        env.put("type", p.environmentType());
        env.put("image", p.image());
        env.put("computeType", p.computeType());
        ArrayNode vars = env.putArray("environmentVariables");
        Map<String, String> all = new LinkedHashMap<>(p.environmentVariables());
        all.putAll(b.environmentOverrides());
        all.forEach((k, v) -> vars.addObject().put("name", k).put("value", v).put("type", "PLAINTEXT"));
        env.put("privilegedMode", false);
        env.put("imagePullCredentialsType", "CODEBUILD");
        n.put("serviceRole", p.serviceRoleArn());
        ObjectNode logs = n.putObject("logs");
        if (p.cloudWatchLogsEnabled()) {
            logs.put("groupName", b.logGroupName());
            logs.put("streamName", b.logStreamName());
            logs.put("deepLink", "https://console.aws.amazon.com/cloudwatch/home?region=" + b.region()
                    + "#logEvent:group=" + b.logGroupName() + ";stream=" + b.logStreamName());
            logs.put("cloudWatchLogsArn", "arn:aws:logs:" + b.region() + ":" + b.accountId() + ":log-group:"
                    + b.logGroupName() + ":log-stream:" + b.logStreamName());
        }
        ObjectNode cw = logs.putObject("cloudWatchLogs");
        cw.put("status", p.cloudWatchLogsEnabled() ? "ENABLED" : "DISABLED");
        if (p.cloudWatchLogsEnabled()) cw.put("groupName", b.logGroupName());
        if (p.logStreamPrefix() != null) cw.put("streamName", p.logStreamPrefix());
        logs.putObject("s3Logs").put("status", "DISABLED").put("encryptionDisabled", false);
        n.put("timeoutInMinutes", Math.max(1, b.timeout().toMinutes()));
        n.put("queuedTimeoutInMinutes", 480);
        n.put("buildComplete", b.isComplete());
        n.put("initiator", b.initiator());
        if (p.encryptionKey() != null) n.put("encryptionKey", p.encryptionKey());
        ArrayNode exported = n.putArray("exportedEnvironmentVariables");
        b.exportedVariables().forEach((k, v) -> exported.addObject().put("name", k).put("value", v));
        ArrayNode reports = n.putArray("reportArns");
        b.reports().forEach(r -> reports.add(r.arn()));
        return n;
    }

    private static ObjectNode artifacts(Build b, Project p) {
        ObjectNode a = JSON.createObjectNode();
        a.put("location", "");
        b.artifact().ifPresent(zip -> {
            if ("S3".equals(p.artifactsType())) {
                Object bucket = p.artifacts().get("Location");
                a.put("location", "arn:aws:s3:::" + bucket + "/" + b.projectName());
            }
            a.put("sha256sum", digest(zip, "SHA-256"));
            a.put("md5sum", digest(zip, "MD5"));
        });
        return a;
    }

    private static String digest(Path file, String algorithm) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance(algorithm);
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) d.update(buf, 0, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return "";
        }
    }

    private static double seconds(Instant t) { return t.toEpochMilli() / 1000.0; }
}
