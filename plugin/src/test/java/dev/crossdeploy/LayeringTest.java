package dev.crossdeploy;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import dev.crossdeploy.maven.AbstractCrossdeployMojo;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The plugin's layering, checked on its compiled classes: the engine knows nothing of Maven, the
 * Mojos know nothing of AWS, and no two packages depend on each other.
 */
@AnalyzeClasses(locations = LayeringTest.PluginMainClasses.class)
class LayeringTest {

    @ArchTest
    static final ArchRule engineIsFreeOfMaven = noClasses()
            .that().resideOutsideOfPackage("dev.crossdeploy.maven..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.maven..", "org.codehaus.plexus..", "org.eclipse.aether..")
            .because("the engine must run without Maven; only dev.crossdeploy.maven may translate Maven's world into engine calls");

    @ArchTest
    static final ArchRule mojosDoNotTalkToAws = noClasses()
            .that().resideInAPackage("dev.crossdeploy.maven..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
            .because("a Mojo only reads its parameters, calls the engine and translates its errors; "
                    + "every AWS client, credential, setting and error belongs to the engine");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices()
            .matching("dev.crossdeploy.(*)..")
            .should().beFreeOfCycles()
            .because("packages form layers that depend one way only, so each can be read, tested and changed on its own");

    /**
     * The plugin's own main classes only: not its tests, and not the local cloud, which sits on the
     * test classpath under {@code dev.crossdeploy} too.
     */
    static final class PluginMainClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(AbstractCrossdeployMojo.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }
}
