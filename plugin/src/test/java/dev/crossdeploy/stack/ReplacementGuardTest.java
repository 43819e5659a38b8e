package dev.crossdeploy.stack;

import dev.crossdeploy.stage.Stage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReplacementGuardTest {
    static final Stage PROD = new Stage("prod", "444444444444", "us-east-1", null, null, null, "", null, null,
            Map.of(), Map.of(), true, List.of(), null);
    static final Stage QA = Stages.plain("qa", Map.of());

    static final List<ChangeRow> CHANGES = List.of(
            new ChangeRow("Modify", "Table", "AWS::DynamoDB::Table", "True"),
            new ChangeRow("Remove", "Uploads", "AWS::S3::Bucket", null),
            new ChangeRow("Modify", "Key", "AWS::KMS::Key", "Conditional"),
            new ChangeRow("Modify", "Logs", "AWS::Logs::LogGroup", "False"),
            new ChangeRow("Modify", "Function", "AWS::Lambda::Function", "True"),
            new ChangeRow("Add", "NewTable", "AWS::DynamoDB::Table", null));

    @Test
    void protectedStagesKeepDataHoldingResourcesThatWouldBeReplacedOrRemoved() {
        assertThat(ReplacementGuard.refused(PROD, CHANGES, Set.of())).extracting(ChangeRow::logicalId)
                .containsExactly("Table", "Uploads", "Key");
        assertThat(ReplacementGuard.refusal(PROD, ReplacementGuard.refused(PROD, CHANGES, Set.of())))
                .hasMessage("Refused: in protected stage prod the change set would replace Table (AWS::DynamoDB::Table),"
                        + " remove Uploads (AWS::S3::Bucket), possibly replace Key (AWS::KMS::Key), losing its data;"
                        + " the change set was deleted. To allow it, run again with -Dcrossdeploy.allowReplace=Table,Uploads,Key");
    }

    @Test
    void allowReplaceLetsNamedResourcesGo() {
        assertThat(ReplacementGuard.refused(PROD, CHANGES, Set.of("Table", "Key"))).extracting(ChangeRow::logicalId)
                .containsExactly("Uploads");
    }

    @Test
    void unprotectedStagesAreNotGuarded() {
        assertThat(ReplacementGuard.refused(QA, CHANGES, Set.of())).isEmpty();
    }

    @Test
    void allowReplaceEntriesTheChangeSetDoesNotNeedAreReported() {
        assertThat(ReplacementGuard.unused(CHANGES, Set.of("Table", "Tabel", "Logs"))).containsExactly("Logs", "Tabel");
    }
}
