package dev.crossdeploy.it.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * example-api's own local stand-in for API Gateway + Lambda + DynamoDB (LocalApiMain on
 * dynalite), for the integration-test action: the local cloud provisions API Gateway and
 * Lambda as records and runs no functions, so the HTTP tests need something that serves.
 */
final class LocalApiStandIn implements AutoCloseable {
    private final Process process;
    private final String url;

    private LocalApiStandIn(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts it from a built example-api folder; waits (bounded) for its API_URL line. */
    static LocalApiStandIn start(Path project) throws Exception {
        Path classpathFile = project.resolve("target/test-classpath.txt");
        Process cp = new ProcessBuilder("mvn", "-B", "-q", "dependency:build-classpath",
                "-Dmdep.includeScope=test", "-Dmdep.outputFile=" + classpathFile)
                .directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(project.resolve("target/classpath.log").toFile()).start();
        if (!cp.waitFor(5, TimeUnit.MINUTES) || cp.exitValue() != 0) {
            throw new IllegalStateException("Could not compute example-api's test classpath; see target/classpath.log");
        }
        String classpath = String.join(java.io.File.pathSeparator, List.of("target/test-classes", "target/classes",
                Files.readString(classpathFile).trim()));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "dev.crossdeploy.example.notes.support.LocalApiMain")
                .directory(project.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("API_URL=")) return line.substring("API_URL=".length());
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String found = url.get(2, TimeUnit.MINUTES);
        if (found == null) {
            process.destroyForcibly();
            throw new IllegalStateException("The local API stand-in exited without printing its API_URL");
        }
        return new LocalApiStandIn(process, found);
    }

    String url() { return url; }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close(); // it stops when its standard input closes
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
