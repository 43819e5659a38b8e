package dev.crossdeploy.artifact;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Everything {@link LambdaPackager} needs.
 *
 * @param classesDirectory compiled classes and resources, put at the zip's root
 * @param libraries        runtime dependency jars, put under {@code lib/} with their given names
 * @param zipFile          where the zip goes
 * @param manifestFile     where the manifest goes
 * @param template         the CloudFormation template to record, or null
 * @param timestamp        the entries' time stamp, see {@link OutputTimestamp}
 */
public record PackageRequest(Path classesDirectory, List<Library> libraries, Path zipFile, Path manifestFile,
                             Path template, String groupId, String artifactId, String version, Instant timestamp) {

    public PackageRequest {
        libraries = List.copyOf(libraries);
    }

    /** A dependency jar and the name it gets under {@code lib/}. */
    public record Library(String fileName, Path jar) {}
}
