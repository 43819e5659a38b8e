package dev.crossdeploy.localcloud.cloudformation.resources;

import dev.crossdeploy.localcloud.cloudformation.resources.logs.LogGroupHandler;
import dev.crossdeploy.localcloud.logs.LogStore;
import dev.crossdeploy.localcloud.logs.LogsModule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS::Logs::LogGroup: Ref, Arn with ":*", generated names, the already-exists reason and the group in the LogStore. */
class LogGroupHandlerTest {
    @TempDir Path dir;
    private ResourceFixture cloud;
    private final LogGroupHandler groups = new LogGroupHandler();

    @BeforeEach
    void setUp() { cloud = new ResourceFixture(dir); }

    @Test
    void refIsTheNameAndArnEndsWithAWildcard() throws Exception {
        ProvisionResult result = groups.create(cloud.root("Logs"), Map.of("LogGroupName", "/aws/lambda/orders", "RetentionInDays", "14"));

        assertThat(result.physicalId()).isEqualTo("/aws/lambda/orders");
        assertThat(result.attributes()).containsExactly(
                Map.entry("Arn", "arn:aws:logs:us-east-1:222222222222:log-group:/aws/lambda/orders:*"));
    }

    @Test
    void withoutANameOneIsGenerated() throws Exception {
        assertThat(groups.create(cloud.root("Logs"), Map.of()).physicalId()).matches("orders-api-Logs-[A-Z0-9]{13}");
    }

    @Test
    void anExistingGroupIsNamedByItsPropertyPath() throws Exception {
        groups.create(cloud.root("Logs"), Map.of("LogGroupName", "/aws/lambda/orders"));

        assertThatThrownBy(() -> groups.create(cloud.root("Other"), Map.of("LogGroupName", "/aws/lambda/orders")))
                .hasMessageStartingWith("Resource handler returned message: \"Resource of type 'AWS::Logs::LogGroup' with identifier"
                        + " '{\"/properties/LogGroupName\":\"/aws/lambda/orders\"}' already exists.\" (RequestToken: ")
                .hasMessageEndingWith("HandlerErrorCode: AlreadyExists)");
    }

    @Test
    void updateKeepsTheGroupAndDeleteRemovesIt() throws Exception {
        ResourceContext ctx = cloud.root("Logs");
        ProvisionResult created = groups.create(ctx, Map.of("LogGroupName", "g", "RetentionInDays", 7));
        ProvisionResult updated = groups.update(ctx, created, Map.of("LogGroupName", "g", "RetentionInDays", 7),
                Map.of("LogGroupName", "g", "RetentionInDays", 30));

        assertThat(ResourceRecords.of(cloud.state).get("222222222222", "us-east-1", "AWS::Logs::LogGroup", "g").orElseThrow()
                .properties()).containsEntry("RetentionInDays", 30);

        groups.delete(ctx, updated);
        assertThat(ResourceRecords.of(cloud.state).get("222222222222", "us-east-1", "AWS::Logs::LogGroup", "g")).isEmpty();
    }

    @Test
    void theGroupLivesInTheLogStoreWithItsRetentionUntilDeleted() throws Exception {
        ResourceContext ctx = cloud.root("Logs");
        LogStore store = cloud.state.module(LogsModule.class).store();
        ProvisionResult created = groups.create(ctx, Map.of("LogGroupName", "g", "RetentionInDays", 7));
        assertThat(store.group(ResourceFixture.ACCOUNT, ResourceFixture.REGION, "g").orElseThrow().retentionInDays()).isEqualTo(7);

        ProvisionResult updated = groups.update(ctx, created, Map.of("LogGroupName", "g", "RetentionInDays", 7), Map.of("LogGroupName", "g"));
        assertThat(store.group(ResourceFixture.ACCOUNT, ResourceFixture.REGION, "g").orElseThrow().retentionInDays()).isNull();

        groups.delete(ctx, updated);
        assertThat(store.group(ResourceFixture.ACCOUNT, ResourceFixture.REGION, "g")).isEmpty();
    }

    @Test
    void aGroupCreatedOutsideTheStackIsAlreadyThere() {
        cloud.state.module(LogsModule.class).store().createGroup(ResourceFixture.ACCOUNT, ResourceFixture.REGION, "/aws/lambda/orders", 0);

        assertThatThrownBy(() -> groups.create(cloud.root("Logs"), Map.of("LogGroupName", "/aws/lambda/orders")))
                .hasMessageContaining("with identifier '{\"/properties/LogGroupName\":\"/aws/lambda/orders\"}' already exists.");
    }
}
