package dev.crossdeploy.bench;

import dev.crossdeploy.account.AwsSettings;
import dev.crossdeploy.artifact.ArtifactManifest;
import dev.crossdeploy.artifact.Sha256;
import dev.crossdeploy.report.Reporter;
import dev.crossdeploy.stage.Stage;
import dev.crossdeploy.upload.UploadOptions;
import dev.crossdeploy.upload.UploadResult;
import dev.crossdeploy.upload.UploadToAccount;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One upload-to-account of a packaged file to stage qa (account 333333333333) of a local cloud
 * started with {@code src-it/plugin-it/src/it/cloud.yaml}, as the goal runs it: the manifest's
 * SHA-256 verified, a HEAD, the multipart upload. Prints the upload phase's time and the JVM's
 * RSS before it (idle, after the manifest is written) and its peak (VmHWM): the upload phase in
 * process, where {@code bench/run.sh} (row 5) times the whole Maven run. Give each run a file of
 * fresh random bytes: an object already under its content-addressed key is not put again.
 *
 * <pre>java -Xmx128m -cp $CP dev.crossdeploy.bench.UploadBenchmark http://localhost:PORT artifact.zip build-dir</pre>
 */
public final class UploadBenchmark {
    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path file = Path.of(args[1]).toAbsolutePath();
        Path build = Path.of(args[2]).toAbsolutePath();
        new ArtifactManifest(file, Sha256.hexOf(file), Files.size(file), null, "com.example", "bench", "1.0")
                .write(ArtifactManifest.locationIn(build));
        AwsSettings settings = new AwsSettings(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                "AKIAPIPELINE11111111", "pipeline/secret/key/for/the/local/cloud1")), endpoint, true);
        Stage qa = new Stage("qa", "333333333333", "us-east-1", "arn:aws:iam::333333333333:role/crossdeploy-deploy",
                "arn:aws:iam::333333333333:role/crossdeploy-cfn-exec", "crossdeploy-artifacts-333333333333-us-east-1",
                "", null, null, Map.of(), Map.of(), false, List.of(), null);
        System.gc();
        long idle = status("VmRSS");
        long t0 = System.nanoTime();
        UploadResult result = UploadToAccount.run(qa, settings, "crossdeploy-bench", build, options(),
                Boolean.getBoolean("bench.log") ? timed(t0) : Reporter.silent(), null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (result.status() != UploadResult.Status.UPLOADED) throw new IllegalStateException("not uploaded: " + result);
        double mib = Files.size(file) / (double) UploadOptions.MIB;
        System.out.printf("crossdeploy upload phase %.2f s, %.1f MiB/s; idle RSS %d MiB, peak RSS %d MiB (+%d)%n",
                seconds, mib / seconds, idle / 1024, status("VmHWM") / 1024, (status("VmHWM") - idle) / 1024);
    }

    /** {@code -Dcrossdeploy.partSize}, {@code -Dcrossdeploy.uploadThreads} as the goal reads them, for trying other values. */
    private static UploadOptions options() {
        return UploadOptions.parse(null, System.getProperty("crossdeploy.partSize"), System.getProperty("crossdeploy.uploadThreads"), System.getProperty("crossdeploy.nativeUpload"));
    }

    /** Each line with the milliseconds since the upload started, to see where the time goes. */
    private static Reporter timed(long t0) {
        return new Reporter() {
            @Override public void info(String line) { print(line); }
            @Override public void warn(String line) { print(line); }
            @Override public void error(String line) { print(line); }
            private void print(String line) { System.err.printf("%6d ms %s%n", (System.nanoTime() - t0) / 1_000_000, line); }
        };
    }

    /** A /proc/self/status figure in KiB. */
    private static long status(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IllegalStateException(field + " not in /proc/self/status");
    }
}
