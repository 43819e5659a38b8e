package dev.crossdeploy.localcloud.logs;

import dev.crossdeploy.localcloud.support.CloudExtension;
import dev.crossdeploy.localcloud.support.Clients;
import dev.crossdeploy.localcloud.support.Policies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Log groups through the SDK: lifecycle, listing, retention, account isolation, IAM and AWS's errors. */
class LogGroupsTest {
    @RegisterExtension
    static CloudExtension cloud = new CloudExtension();

    private CloudWatchLogsClient logs() { return cloud.as("staging").logs(); }

    @Test
    void aCreatedGroupIsListedWithItsArnAndRetentionAndIsGoneOnceDeleted() {
        CloudWatchLogsClient logs = logs();
        logs.createLogGroup(r -> r.logGroupName("/aws/lambda/orders"));
        logs.putRetentionPolicy(r -> r.logGroupName("/aws/lambda/orders").retentionInDays(14));

        LogGroup group = logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/")).logGroups().get(0);
        assertThat(group.logGroupName()).isEqualTo("/aws/lambda/orders");
        assertThat(group.arn()).isEqualTo("arn:aws:logs:us-east-1:222222222222:log-group:/aws/lambda/orders:*");
        assertThat(group.retentionInDays()).isEqualTo(14);
        assertThat(group.creationTime()).isPositive();

        logs.deleteRetentionPolicy(r -> r.logGroupName("/aws/lambda/orders"));
        assertThat(logs.describeLogGroups().logGroups().get(0).retentionInDays()).isNull();

        logs.deleteLogGroup(r -> r.logGroupName("/aws/lambda/orders"));
        assertThat(logs.describeLogGroups().logGroups()).isEmpty();
    }

    @Test
    void groupsAreListedByNameFilteredByPrefixOrPatternAndPaged() {
        CloudWatchLogsClient logs = logs();
        for (String name : List.of("b-orders", "a-orders", "c-billing", "/aws/lambda/Orders")) {
            logs.createLogGroup(r -> r.logGroupName(name));
        }

        assertThat(names(logs.describeLogGroups())).containsExactly("/aws/lambda/Orders", "a-orders", "b-orders", "c-billing");
        assertThat(names(logs.describeLogGroups(r -> r.logGroupNamePrefix("a-")))).containsExactly("a-orders");
        // The pattern is a case-sensitive substring.
        assertThat(names(logs.describeLogGroups(r -> r.logGroupNamePattern("orders")))).containsExactly("a-orders", "b-orders");

        List<String> paged = new ArrayList<>();
        DescribeLogGroupsResponse page = logs.describeLogGroups(r -> r.limit(3));
        paged.addAll(names(page));
        assertThat(page.nextToken()).isNotNull();
        String token = page.nextToken();
        page = logs.describeLogGroups(r -> r.limit(3).nextToken(token));
        paged.addAll(names(page));
        assertThat(page.nextToken()).isNull();
        assertThat(paged).containsExactly("/aws/lambda/Orders", "a-orders", "b-orders", "c-billing");

        List<String> viaPaginator = logs.describeLogGroupsPaginator(r -> r.limit(1)).logGroups().stream()
                .map(LogGroup::logGroupName).toList();
        assertThat(viaPaginator).hasSize(4);
    }

    @Test
    void groupsBelongToOneAccountAndRegion() {
        logs().createLogGroup(r -> r.logGroupName("shared-name"));

        CloudWatchLogsClient other = cloud.as("pipeline").logs();
        assertThat(other.describeLogGroups().logGroups()).isEmpty();
        other.createLogGroup(r -> r.logGroupName("shared-name"));
        other.deleteLogGroup(r -> r.logGroupName("shared-name"));

        assertThat(names(logs().describeLogGroups())).containsExactly("shared-name");
    }

    @Test
    void errorsCarryCloudWatchLogsCodesAndTexts() {
        CloudWatchLogsClient logs = logs();
        logs.createLogGroup(r -> r.logGroupName("g"));

        assertError(() -> logs.createLogGroup(r -> r.logGroupName("g")), ResourceAlreadyExistsException.class,
                "ResourceAlreadyExistsException", "The specified log group already exists");
        assertError(() -> logs.deleteLogGroup(r -> r.logGroupName("missing")), ResourceNotFoundException.class,
                "ResourceNotFoundException", "The specified log group does not exist.");
        assertError(() -> logs.putRetentionPolicy(r -> r.logGroupName("missing").retentionInDays(7)), ResourceNotFoundException.class,
                "ResourceNotFoundException", "The specified log group does not exist.");
        assertError(() -> logs.createLogGroup(r -> r.logGroupName("bad name")), InvalidParameterException.class,
                "InvalidParameterException", "1 validation error detected: Value 'bad name' at 'logGroupName' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        // AWS lists every broken constraint of a value, the pattern first.
        assertError(() -> logs.describeLogGroups(r -> r.logGroupNamePrefix("")), InvalidParameterException.class,
                "InvalidParameterException", "2 validation errors detected: Value '' at 'logGroupNamePrefix' failed to satisfy"
                        + " constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+; Value '' at"
                        + " 'logGroupNamePrefix' failed to satisfy constraint: Member must have length greater than or equal to 1");
        assertError(() -> logs.putRetentionPolicy(r -> r.logGroupName("g").retentionInDays(2)), InvalidParameterException.class,
                "InvalidParameterException", "1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,"
                        + " 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
    }

    @Test
    void aCallerWithoutPermissionIsDeniedNamingTheActionAndResource() {
        var iam = cloud.as("staging").iam();
        iam.createRole(r -> r.roleName("reader").assumeRolePolicyDocument(Policies.trustAccount("222222222222")));
        iam.putRolePolicy(r -> r.roleName("reader").policyName("read").policyDocument(
                Policies.allow("logs:Describe*", "arn:aws:logs:us-east-1:222222222222:log-group:*")));
        var session = cloud.as("staging").sts().assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/reader")
                .roleSessionName("dev"));
        CloudWatchLogsClient reader = Clients.from(cloud, session).logs();
        logs().createLogGroup(r -> r.logGroupName("app"));

        assertThat(names(reader.describeLogGroups())).containsExactly("app");
        assertError(() -> reader.createLogGroup(r -> r.logGroupName("app2")), CloudWatchLogsException.class,
                "AccessDeniedException", "User: arn:aws:sts::222222222222:assumed-role/reader/dev is not authorized to perform:"
                        + " logs:CreateLogGroup on resource: arn:aws:logs:us-east-1:222222222222:log-group:app2:log-stream:"
                        + " because no identity-based policy allows the logs:CreateLogGroup action");
        assertError(() -> reader.deleteLogGroup(r -> r.logGroupName("app")), CloudWatchLogsException.class,
                "AccessDeniedException", "User: arn:aws:sts::222222222222:assumed-role/reader/dev is not authorized to perform:"
                        + " logs:DeleteLogGroup on resource: arn:aws:logs:us-east-1:222222222222:log-group:app:log-stream:"
                        + " because no identity-based policy allows the logs:DeleteLogGroup action");
        assertThat(names(logs().describeLogGroups())).containsExactly("app");
    }

    @Test
    void anOperationTheCloudDoesNotServeIsNamedInTheError() {
        assertThatThrownBy(() -> logs().describeMetricFilters(r -> r.logGroupName("g")))
                .isInstanceOf(CloudWatchLogsException.class)
                .satisfies(e -> assertThat(((CloudWatchLogsException) e).awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"))
                .hasMessageContaining("does not serve DescribeMetricFilters; it serves CreateLogGroup, CreateLogStream,");
    }

    static List<String> names(DescribeLogGroupsResponse response) {
        return response.logGroups().stream().map(LogGroup::logGroupName).toList();
    }

    static void assertError(Runnable call, Class<? extends CloudWatchLogsException> type, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOf(type).satisfies(e -> {
            CloudWatchLogsException x = (CloudWatchLogsException) e;
            assertThat(x.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(x.awsErrorDetails().errorMessage()).isEqualTo(message);
            assertThat(x.statusCode()).isEqualTo(400);
        });
    }
}
