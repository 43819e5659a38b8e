package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.support.Clients;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackDriftDetectionStatusResponse;
import software.amazon.awssdk.services.cloudformation.model.StackDriftDetectionStatus;
import software.amazon.awssdk.services.cloudformation.model.StackDriftStatus;
import software.amazon.awssdk.services.cloudformation.model.StackResourceDriftStatus;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Drift detection through the SDK: resources changed through their own APIs after the deploy. */
class StackDriftTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private static final String TEMPLATE = """
            Resources:
              Data:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: drift-data-bucket
                  VersioningConfiguration: {Status: Enabled}
              Logs:
                Type: AWS::Logs::LogGroup
                Properties:
                  LogGroupName: /drift/app
                  RetentionInDays: 30
              Other:
                Type: Test::Record
            """;

    private Clients staging;
    private CloudFormationClient cfn;
    private StackDriver driver;

    @BeforeEach
    void deploy() {
        staging = cloud.as("staging");
        cfn = staging.cloudFormation();
        driver = new StackDriver(cfn);
        driver.deploy("app", TEMPLATE);
    }

    private DescribeStackDriftDetectionStatusResponse detect() {
        String id = cfn.detectStackDrift(r -> r.stackName("app")).stackDriftDetectionId();
        return StackDriver.await(() -> cfn.describeStackDriftDetectionStatus(r -> r.stackDriftDetectionId(id)),
                s -> s.detectionStatus() != StackDriftDetectionStatus.DETECTION_IN_PROGRESS, "drift detection " + id);
    }

    @Test
    void aStackAsDeployedIsInSyncAndTypesWithoutDriftSupportAreNotListed() {
        var status = detect();
        assertThat(status.detectionStatus()).isEqualTo(StackDriftDetectionStatus.DETECTION_COMPLETE);
        assertThat(status.stackDriftStatus()).isEqualTo(StackDriftStatus.IN_SYNC);
        assertThat(status.driftedStackResourceCount()).isZero();
        assertThat(status.stackId()).isEqualTo(driver.stack("app").stackId());
        assertThat(cfn.describeStackResourceDrifts(r -> r.stackName("app")).stackResourceDrifts())
                .extracting(d -> d.logicalResourceId() + " " + d.stackResourceDriftStatusAsString())
                .containsExactly("Data IN_SYNC", "Logs IN_SYNC");
    }

    @Test
    void changesMadeThroughTheServicesApisAreReportedPropertyByProperty() {
        staging.s3().putBucketVersioning(r -> r.bucket("drift-data-bucket")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        staging.logs().putRetentionPolicy(r -> r.logGroupName("/drift/app").retentionInDays(7));

        var status = detect();
        assertThat(status.stackDriftStatus()).isEqualTo(StackDriftStatus.DRIFTED);
        assertThat(status.driftedStackResourceCount()).isEqualTo(2);
        var drifts = cfn.describeStackResourceDrifts(r -> r.stackName("app")
                .stackResourceDriftStatusFilters(StackResourceDriftStatus.MODIFIED)).stackResourceDrifts();
        assertThat(drifts).hasSize(2);
        assertThat(drifts).flatExtracting(d -> d.propertyDifferences())
                .extracting(p -> p.propertyPath() + " " + p.expectedValue() + " -> " + p.actualValue() + " " + p.differenceTypeAsString())
                .containsExactly("/VersioningConfiguration/Status Enabled -> Suspended NOT_EQUAL",
                        "/RetentionInDays 30 -> 7 NOT_EQUAL");
        assertThat(drifts.get(0).physicalResourceId()).isEqualTo("drift-data-bucket");
        assertThat(drifts.get(0).expectedProperties()).contains("\"Status\":\"Enabled\"");
        assertThat(drifts.get(0).actualProperties()).contains("\"Status\":\"Suspended\"");

        staging.logs().deleteRetentionPolicy(r -> r.logGroupName("/drift/app"));
        var single = cfn.detectStackResourceDrift(r -> r.stackName("app").logicalResourceId("Logs")).stackResourceDrift();
        assertThat(single.stackResourceDriftStatus()).isEqualTo(StackResourceDriftStatus.MODIFIED);
        assertThat(single.propertyDifferences()).singleElement()
                .satisfies(p -> assertThat(p.propertyPath() + " " + p.expectedValue() + " " + p.actualValue() + " "
                        + p.differenceTypeAsString()).isEqualTo("/RetentionInDays 30 null REMOVE"));
    }

    @Test
    void aResourceDeletedOutsideTheStackIsDeleted() {
        staging.logs().deleteLogGroup(r -> r.logGroupName("/drift/app"));
        assertThat(detect().stackDriftStatus()).isEqualTo(StackDriftStatus.DRIFTED);
        assertThat(cfn.describeStackResourceDrifts(r -> r.stackName("app")
                .stackResourceDriftStatusFilters(StackResourceDriftStatus.DELETED)).stackResourceDrifts())
                .extracting(d -> d.logicalResourceId()).containsExactly("Logs");
    }

    @Test
    void unknownStacksAndDetectionsAreRefused() {
        assertThatThrownBy(() -> cfn.detectStackDrift(r -> r.stackName("ghost")))
                .isInstanceOfSatisfying(CloudFormationException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Stack [ghost] does not exist"));
        assertThatThrownBy(() -> cfn.describeStackDriftDetectionStatus(r -> r.stackDriftDetectionId("nope")))
                .isInstanceOfSatisfying(CloudFormationException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Drift detection with id nope does not exist"));
    }
}
