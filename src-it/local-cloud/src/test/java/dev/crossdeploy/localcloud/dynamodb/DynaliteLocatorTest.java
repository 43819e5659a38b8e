package dev.crossdeploy.localcloud.dynamodb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the cloud finds Node.js and dynalite, and what it says when one is missing. */
class DynaliteLocatorTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(DynaliteLocator.DYNALITE_PROPERTY);
        System.clearProperty(DynaliteLocator.NODE_PROPERTY);
    }

    @Test
    void withoutPropertiesDynaliteIsTheLocalCloudsOwnInstallAndNodeComesFromThePath() {
        var found = DynaliteLocator.locate();

        assertThat(found.cli()).isEqualTo(Path.of("node_modules/dynalite/cli.js").toAbsolutePath());
        assertThat(found.node().getFileName().toString()).isEqualTo("node");
        assertThat(found.node()).isExecutable();
    }

    @Test
    void thePropertyMayNameDynalitesPackageDirectory() {
        System.setProperty(DynaliteLocator.DYNALITE_PROPERTY, "node_modules/dynalite");

        assertThat(DynaliteLocator.locate().cli()).isEqualTo(Path.of("node_modules/dynalite/cli.js").toAbsolutePath());
        assertThat(Files.isRegularFile(DynaliteLocator.locate().cli())).isTrue();
    }

    @Test
    void aMissingNodeIsNamedWithWhatToInstall() {
        System.setProperty(DynaliteLocator.NODE_PROPERTY, "/nonexistent/bin/node");

        assertThatThrownBy(DynaliteLocator::locate)
                .isInstanceOf(DynaliteUnavailableException.class)
                .hasMessage("The local cloud needs Node.js and dynalite to run DynamoDB tables: install Node.js and run"
                        + " 'npm ci' in src-it/local-cloud (node was not found at /nonexistent/bin/node, set by -Dlocalcloud.node).");
    }
}
