package dev.crossdeploy.upload;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static dev.crossdeploy.upload.UploadOptions.MIB;
import static org.assertj.core.api.Assertions.assertThat;

class CompilerTierCheckTest {
    @Test
    void aLargeUploadFromAJvmHeldToTheFirstTierIsWarnedAbout() {
        assertThat(CompilerTierCheck.warning("service-lambda.zip", 256 * MIB, "1")).contains(
                "service-lambda.zip is 256.0 MiB and this JVM runs with -XX:TieredStopAtLevel=1 (.mvn/jvm.config or MAVEN_OPTS),"
                        + " which encrypts and checksums it without the CPU's AES and SHA instructions, several times slower;"
                        + " leave that flag out for artifacts over 64.0 MiB.");
    }

    @Test
    void smallUploadsAndJvmsWithTheOptimisingCompilerAreNot() {
        assertThat(CompilerTierCheck.warning("a.zip", 64 * MIB - 1, "1")).isEmpty();
        assertThat(CompilerTierCheck.warning("a.zip", 256 * MIB, "4")).isEmpty();
        assertThat(CompilerTierCheck.warning("a.zip", 256 * MIB, null)).isEmpty();
    }

    @Test
    void theTierIsThisJvmsOwn() {
        boolean heldToFirstTier = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:TieredStopAtLevel=1");

        assertThat(CompilerTierCheck.tieredStopAtLevel()).isNotNull();
        assertThat("1".equals(CompilerTierCheck.tieredStopAtLevel())).isEqualTo(heldToFirstTier);
    }
}
