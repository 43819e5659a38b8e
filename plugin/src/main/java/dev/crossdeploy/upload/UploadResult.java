package dev.crossdeploy.upload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.crossdeploy.CrossdeployException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code upload-to-account} put the artifact for a stage, written to
 * {@code target/crossdeploy/<stage>-upload.json} for {@code deploy-stack}.
 *
 * @param template where the template went when it was too big to pass inline, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UploadResult(String stage, String bucket, String key, String sha256, long size, Status status,
                           TemplateObject template) {

    /** Written as "uploaded" / "skipped". */
    public enum Status {
        @JsonProperty("uploaded") UPLOADED,
        @JsonProperty("skipped") SKIPPED
    }

    /** The template in S3: pass {@code url} to CloudFormation as TemplateURL. */
    public record TemplateObject(String bucket, String key, String sha256, String url, Status status) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** {@code <buildDirectory>/crossdeploy/<stage>-upload.json}. */
    public static Path locationIn(Path buildDirectory, String stage) {
        return buildDirectory.resolve("crossdeploy").resolve(stage + "-upload.json");
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws CrossdeployException when the stage has no recorded upload */
    public static UploadResult read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CrossdeployException("No upload recorded at " + file + "; run upload-to-account for the stage first.");
        }
        try {
            return JSON.readValue(file.toFile(), UploadResult.class);
        } catch (IOException e) {
            throw new CrossdeployException("Cannot read " + file + ": " + e.getMessage()
                    + "; run upload-to-account again.", e);
        }
    }
}
