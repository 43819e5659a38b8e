package dev.crossdeploy.localcloud;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.Set;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The local cloud's layering, checked on its compiled classes: the shared stores and the wire
 * protocol at the bottom, the root package (CloudState, the front door) above them, the service
 * packages on top, plugged in through {@link CloudModuleProvider}; and no two packages depend on
 * each other.
 */
@AnalyzeClasses(locations = LayeringTest.CloudMainClasses.class)
class LayeringTest {
    private static final String ROOT = "dev.crossdeploy.localcloud";
    /** What CloudState is made of and every service speaks: keys, configuration, faults, HTTP, XML, IAM, S3. */
    private static final String[] SHARED = {ROOT + ".auth..", ROOT + ".config..", ROOT + ".faults..",
            ROOT + ".http..", ROOT + ".xml..", ROOT + ".iam..", ROOT + ".s3.."};

    @ArchTest
    static final ArchRule rootPackageNamesNoService = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage(ROOT + "..")
            .layer("Shared state and protocol").definedBy(SHARED)
            .layer("Root package").definedBy(ROOT)
            .layer("Service packages").definedBy(resideInAPackage(ROOT + "..")
                    .and(DescribedPredicate.not(resideInAPackage(ROOT)))
                    .and(DescribedPredicate.not(resideInAnyPackage(SHARED)))
                    .as("every other package"))
            .whereLayer("Shared state and protocol").mayNotAccessAnyLayer()
            .whereLayer("Root package").mayOnlyAccessLayers("Shared state and protocol")
            .because("a new service is a package with a CloudModuleProvider listed in META-INF/services, "
                    + "so the root package and the stores it holds never name a service");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices()
            .assignedFrom(new TopLevelPackages())
            .should().beFreeOfCycles()
            // Known debt: services read what CloudFormation provisioned for them (Lambda's functions,
            // CodeCommit's repositories, ...) from its ResourceRecords, by resource type. Until each
            // service owns its store, that one direction is exempt; everything else must be acyclic.
            .ignoreDependency(resideOutsideOfPackage(ROOT + ".cloudformation.."),
                    resideInAPackage(ROOT + ".cloudformation.resources.."))
            .because("packages depend one way only (a CloudFormation resource type may use its service, never the reverse), "
                    + "so each can be read, tested and changed on its own");

    /** One slice per package directly under the root, with its subpackages; the root package alone is one more. */
    static final class TopLevelPackages implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(ROOT)) return SliceIdentifier.of("root package");
            if (!pkg.startsWith(ROOT + ".")) return SliceIdentifier.ignore();
            String rest = pkg.substring(ROOT.length() + 1);
            return SliceIdentifier.of(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest);
        }

        @Override
        public String getDescription() { return "packages directly under " + ROOT + " and the root package"; }
    }

    /** The cloud's own main classes: not its tests, not the libraries it uses. */
    static final class CloudMainClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(LocalCloud.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }
}
