package dev.crossdeploy.localcloud.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What IAM must allow for one DynamoDB call: {@code dynamodb:<Operation>} on the table's ARN
 * (on the index's ARN for a Query or Scan of an index), on every table a batch names, and for
 * transactions the item action of each part on its table, as DynamoDB authorizes them.
 * ListTables and other calls that name no table are authorized on the account's
 * {@code table/*}.
 */
final class DynamoDbPermissions {
    private DynamoDbPermissions() {}

    /** One action on one resource. */
    record Permission(String action, String resource) {}

    static List<Permission> of(String operation, JsonNode body, String region, String account) {
        String tables = "arn:aws:dynamodb:" + region + ":" + account + ":table/";
        String action = "dynamodb:" + operation;
        Set<Permission> needed = new LinkedHashSet<>();
        switch (operation) {
            case "BatchGetItem", "BatchWriteItem" -> {
                for (Iterator<String> names = body.path("RequestItems").fieldNames(); names.hasNext(); ) {
                    needed.add(new Permission(action, tableArn(tables, names.next())));
                }
            }
            case "TransactWriteItems" -> {
                for (JsonNode item : body.path("TransactItems")) {
                    addPart(needed, tables, item, "Put", "dynamodb:PutItem");
                    addPart(needed, tables, item, "Update", "dynamodb:UpdateItem");
                    addPart(needed, tables, item, "Delete", "dynamodb:DeleteItem");
                    addPart(needed, tables, item, "ConditionCheck", "dynamodb:ConditionCheckItem");
                }
            }
            case "TransactGetItems" -> {
                for (JsonNode item : body.path("TransactItems")) addPart(needed, tables, item, "Get", "dynamodb:GetItem");
            }
            case "TagResource", "UntagResource", "ListTagsOfResource" -> {
                String arn = body.path("ResourceArn").asText(null);
                needed.add(new Permission(action, arn != null ? arn : tables + "*"));
            }
            default -> {
                String table = body.path("TableName").asText(null);
                if (table == null) {
                    needed.add(new Permission(action, tables + "*"));
                } else {
                    String index = body.path("IndexName").asText(null);
                    String arn = tableArn(tables, table);
                    needed.add(new Permission(action, index == null ? arn : arn + "/index/" + index));
                }
            }
        }
        return new ArrayList<>(needed);
    }

    private static void addPart(Set<Permission> needed, String tables, JsonNode item, String part, String action) {
        String table = item.path(part).path("TableName").asText(null);
        if (table != null) needed.add(new Permission(action, tableArn(tables, table)));
    }

    /** Tables may be named by ARN as well as by name. */
    private static String tableArn(String tables, String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : tables + nameOrArn;
    }
}
