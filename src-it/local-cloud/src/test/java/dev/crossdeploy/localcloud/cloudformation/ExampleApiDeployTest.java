package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.cloudformation.resources.ResourceRecords;
import dev.crossdeploy.localcloud.support.CloudExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.crossdeploy.localcloud.cloudformation.StackDriver.param;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * example-api's real template: deployed, then redeployed with new code. Every build has a new
 * artifact key, so every release replaces the Lambda version; that must publish the next version
 * and move the alias, not trip the custom-name rule (a version has no name of its own). A new
 * build touches nothing else, and a change of the stack's tags re-tags exactly the resources
 * whose types support tags, as CloudFormation propagates them.
 */
class ExampleApiDeployTest {
    private static final Path TEMPLATE = Path.of("../../example-api/src/main/cloudformation/template.yaml");
    private static final String ACCOUNT = "222222222222";
    private static final String BUCKET = "staging-artifacts";
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:example-api-staging";

    private static final Tag STAGE_TAG = Tag.builder().key("stage").value("staging").build();

    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudFormationClient cfn;
    private StackDriver driver;
    private String template;

    @BeforeEach
    void setUp() throws IOException {
        cfn = cloud.as("staging").cloudFormation();
        driver = new StackDriver(cfn);
        template = Files.readString(TEMPLATE);
        S3Client s3 = cloud.as("staging").s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(b -> b.bucket(BUCKET).key("example-api/build-1.zip"), RequestBody.fromBytes(zip("build 1")));
        s3.putObject(b -> b.bucket(BUCKET).key("example-api/build-2.zip"), RequestBody.fromBytes(zip("build 2")));
    }

    private static Parameter[] release(String artifactKey) {
        return new Parameter[]{param("ArtifactBucket", BUCKET), param("ArtifactKey", artifactKey), param("Stage", "staging")};
    }

    @Test
    void aNewBuildPublishesTheNextVersionAndMovesTheAlias() {
        assertThat(driver.deploy("example-api", template, release("example-api/build-1.zip")).stackStatus())
                .isEqualTo(StackStatus.CREATE_COMPLETE);
        assertThat(physicalId("FunctionVersion")).isEqualTo(FUNCTION_ARN + ":1");
        assertThat(aliasVersion()).isEqualTo("1");

        var updated = driver.deploy("example-api", template, release("example-api/build-2.zip"));

        assertThat(updated.stackStatus()).as(String.join("\n", driver.eventLines("example-api")))
                .isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(physicalId("FunctionVersion")).isEqualTo(FUNCTION_ARN + ":2");
        assertThat(aliasVersion()).isEqualTo("2");
        assertThat(driver.eventLines("example-api")).containsSubsequence(
                "FunctionVersion UPDATE_IN_PROGRESS Requested update requires the creation of a new physical resource; hence creating one.",
                "FunctionVersion UPDATE_COMPLETE",
                "LiveAlias UPDATE_COMPLETE",
                "example-api UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
                "FunctionVersion DELETE_COMPLETE",
                "example-api UPDATE_COMPLETE");
        // The alias kept its name: the API's integration and permission still point at it.
        assertThat(physicalId("LiveAlias")).isEqualTo(FUNCTION_ARN + ":live");
        assertThat(physicalId("Function")).isEqualTo("example-api-staging");
    }

    @Test
    void updateStackWithPreviousTemplateAndValuesShipsANewBuild() {
        cfn.createStack(r -> r.stackName("example-api").templateBody(template).parameters(release("example-api/build-1.zip"))
                .capabilities(Capability.CAPABILITY_IAM));
        assertThat(driver.settle("example-api").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);

        cfn.updateStack(r -> r.stackName("example-api").usePreviousTemplate(true).capabilities(Capability.CAPABILITY_IAM)
                .parameters(previous("ArtifactBucket"), param("ArtifactKey", "example-api/build-2.zip"), previous("Stage")));

        assertThat(driver.settle("example-api").stackStatus()).as(String.join("\n", driver.eventLines("example-api")))
                .isEqualTo(StackStatus.UPDATE_COMPLETE);
        assertThat(physicalId("FunctionVersion")).isEqualTo(FUNCTION_ARN + ":2");
        assertThat(aliasVersion()).isEqualTo("2");
    }

    @Test
    void aCodeOnlyChangeModifiesOnlyTheFunctionItsVersionAndItsAlias() {
        driver.deploy("example-api", template, b -> b.parameters(release("example-api/build-1.zip")).tags(STAGE_TAG));

        driver.changeSet("example-api", "build-2", ChangeSetType.UPDATE, template,
                b -> b.parameters(release("example-api/build-2.zip")).tags(STAGE_TAG));
        var cs = driver.awaitChangeSet("example-api", "build-2");

        assertThat(cs.status()).as(cs.statusReason()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        assertThat(cs.changes()).extracting(c -> line(c.resourceChange())).containsExactly(
                "Modify Function False [Properties] Properties Code Never Static ParameterReference ArtifactKey",
                "Modify FunctionVersion True [Properties] Properties Description Always Static ParameterReference ArtifactKey",
                "Modify LiveAlias False [Properties] Properties FunctionVersion Never Dynamic ResourceAttribute FunctionVersion.Version");
    }

    @Test
    void aStackTagChangeModifiesEveryResourceThatSupportsTagsAndNothingElse() {
        driver.deploy("example-api", template, b -> b.parameters(release("example-api/build-1.zip")).tags(STAGE_TAG));

        driver.changeSet("example-api", "retag", ChangeSetType.UPDATE, template, b -> b.parameters(release("example-api/build-1.zip"))
                .tags(STAGE_TAG, Tag.builder().key("CostCenter").value("1234").build()));
        var cs = driver.awaitChangeSet("example-api", "retag");

        assertThat(cs.status()).as(cs.statusReason()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        assertThat(cs.changes()).extracting(c -> c.resourceChange().logicalResourceId()).containsExactlyInAnyOrder(
                "NotesTable", "FunctionLogGroup", "FunctionRole", "Function", "Api", "ApiStage");
        assertThat(cs.changes()).extracting(c -> line(c.resourceChange()).replace(c.resourceChange().logicalResourceId() + " ", ""))
                .containsOnly("Modify False [Tags] Tags null Never Static DirectModification null");

        cfn.executeChangeSet(r -> r.stackName("example-api").changeSetName("retag"));
        assertThat(driver.settle("example-api").stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
        List<String> lines = driver.eventLines("example-api");
        List<String> update = lines.subList(lines.lastIndexOf("example-api UPDATE_IN_PROGRESS User Initiated"), lines.size());
        assertThat(update).filteredOn(l -> l.endsWith(" UPDATE_COMPLETE")).containsExactlyInAnyOrder(
                "NotesTable UPDATE_COMPLETE", "FunctionLogGroup UPDATE_COMPLETE", "FunctionRole UPDATE_COMPLETE",
                "Function UPDATE_COMPLETE", "Api UPDATE_COMPLETE", "ApiStage UPDATE_COMPLETE", "example-api UPDATE_COMPLETE");
    }

    /** "Action LogicalId Replacement [Scope] and each detail's Attribute Name RequiresRecreation Evaluation ChangeSource CausingEntity". */
    private static String line(ResourceChange rc) {
        StringBuilder b = new StringBuilder(rc.actionAsString() + " " + rc.logicalResourceId() + " " + rc.replacementAsString()
                + " " + rc.scopeAsStrings());
        for (ResourceChangeDetail d : rc.details()) {
            b.append(" ").append(d.target().attributeAsString()).append(" ").append(d.target().name()).append(" ")
                    .append(d.target().requiresRecreationAsString()).append(" ").append(d.evaluationAsString()).append(" ")
                    .append(d.changeSourceAsString()).append(" ").append(d.causingEntity());
        }
        return b.toString();
    }

    private static Parameter previous(String key) {
        return Parameter.builder().parameterKey(key).usePreviousValue(true).build();
    }

    private String physicalId(String logicalId) {
        return cfn.describeStackResource(r -> r.stackName("example-api").logicalResourceId(logicalId))
                .stackResourceDetail().physicalResourceId();
    }

    /** The version the live alias points at, as the cloud's Lambda records hold it. */
    private String aliasVersion() {
        return ResourceRecords.of(cloud.cloud().state()).get(ACCOUNT, "us-east-1", "AWS::Lambda::Alias", FUNCTION_ARN + ":live")
                .map(e -> String.valueOf(e.properties().get("FunctionVersion"))).orElseThrow();
    }

    private static byte[] zip(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
