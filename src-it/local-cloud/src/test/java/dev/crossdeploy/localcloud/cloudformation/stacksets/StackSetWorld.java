package dev.crossdeploy.localcloud.cloudformation.stacksets;

import dev.crossdeploy.localcloud.iam.IamStore;
import dev.crossdeploy.localcloud.support.CloudExtension;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperation;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationResultSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperationStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The accounts of a stack set test: the administrator ("pipeline", with the administration role)
 * and target accounts with the execution role, as the StackSets user guide has them set up;
 * plus bounded waits on operations.
 */
final class StackSetWorld {
    static final String ADMIN = "111111111111";
    static final String STAGING = "222222222222";
    static final String EXECUTION_ROLE = "AWSCloudFormationStackSetExecutionRole";
    static final String ADMIN_ROLE = "AWSCloudFormationStackSetAdministrationRole";

    private final CloudExtension cloud;
    final CloudFormationClient cfn;

    StackSetWorld(CloudExtension cloud) {
        this.cloud = cloud;
        this.cfn = cloud.as("pipeline").cloudFormation();
    }

    IamStore iam() { return cloud.cloud().state().iam(); }

    /** The administration role CloudFormation assumes, allowed to assume any account's execution role. */
    StackSetWorld administrationRole() {
        iam().createRole(ADMIN, ADMIN_ROLE, "/", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
                null, null);
        iam().putRolePolicy(ADMIN, ADMIN_ROLE, "AssumeExecutionRoles", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/AWSCloudFormationStackSetExecutionRole"}]}""");
        return this;
    }

    /** The execution role in a target account, trusting the administrator account. */
    StackSetWorld executionRole(String account) { return executionRole(account, ADMIN); }

    StackSetWorld executionRole(String account, String trustedAccount) {
        iam().createRole(account, EXECUTION_ROLE, "/", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}"""
                .formatted(trustedAccount), null, null);
        iam().putRolePolicy(account, EXECUTION_ROLE, "Everything", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        return this;
    }

    /** Staging first, then made-up account ids up to {@code count} accounts. */
    static List<String> accounts(int count) {
        List<String> out = new ArrayList<>(List.of(STAGING));
        for (int i = 1; out.size() < count; i++) out.add("9000000000%02d".formatted(i));
        return out;
    }

    /** Waits (bounded) for the operation to end and returns it. */
    StackSetOperation await(String set, String operationId) {
        StackSetOperation[] last = new StackSetOperation[1];
        until(() -> {
            last[0] = cfn.describeStackSetOperation(r -> r.stackSetName(set).operationId(operationId)).stackSetOperation();
            return last[0].status() != StackSetOperationStatus.RUNNING && last[0].status() != StackSetOperationStatus.QUEUED;
        });
        return last[0];
    }

    List<StackSetOperationResultSummary> results(String set, String operationId) {
        return cfn.listStackSetOperationResults(r -> r.stackSetName(set).operationId(operationId)).summaries();
    }

    List<StackInstanceSummary> instances(String set) {
        return cfn.listStackInstances(r -> r.stackSetName(set)).summaries();
    }

    static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 30 s");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
