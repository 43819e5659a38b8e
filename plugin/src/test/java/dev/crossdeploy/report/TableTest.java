package dev.crossdeploy.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    @Test
    void changeSetTableAlignsColumnsWithoutTrailingBlanks() {
        List<String> lines = ChangeSetTable.changes(List.of(
                new ChangeSetTable.Change("Add", "Api", "AWS::ApiGateway::RestApi", "", ""),
                new ChangeSetTable.Change("Modify", "Function", "AWS::Lambda::Function", "False", "Properties: Code"),
                new ChangeSetTable.Change("Modify", "OrdersTable", "AWS::DynamoDB::Table", "True", "Properties: TableName (replaces)")));

        assertThat(lines).containsExactly(
                "Action  Logical ID   Type                      Replacement  Why",
                "Add     Api          AWS::ApiGateway::RestApi",
                "Modify  Function     AWS::Lambda::Function     False        Properties: Code",
                "Modify  OrdersTable  AWS::DynamoDB::Table      True         Properties: TableName (replaces)");
    }

    @Test
    void valuesCannotBreakTheLineOrCarryControlCodes() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Greeting", "hello\nworld\u001b[31m");

        assertThat(ChangeSetTable.parameters(values)).containsExactly(
                "Parameter  Value",
                "Greeting   hello world [31m");
    }

    @Test
    void eventLinesLineUpAcrossResources() {
        EventLine format = new EventLine(11, 21);
        Instant t = Instant.parse("2026-11-26T15:30:01Z");

        String a = format.format(t, "Api", "AWS::Lambda::Function", "CREATE_IN_PROGRESS", null);
        String b = format.format(t, "OrdersTable", "AWS::DynamoDB::Table", "CREATE_FAILED", "Property KeySchema is required");

        assertThat(a).isEqualTo("15:30:01  Api          AWS::Lambda::Function  CREATE_IN_PROGRESS");
        assertThat(b).startsWith("15:30:01  OrdersTable  AWS::DynamoDB::Table   CREATE_FAILED ")
                .endsWith("  Property KeySchema is required");
        assertThat(b.indexOf("Property")).isEqualTo(10 + 13 + 23 + 37);
    }

    @Test
    void elapsedReadsLikeAPersonWouldSayIt() {
        assertThat(Text.elapsed(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Text.elapsed(Duration.ofSeconds(130))).isEqualTo("2m10s");
        assertThat(Text.elapsed(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }
}
