package dev.crossdeploy.example.notes;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Notes in one DynamoDB table keyed by {@code id} (string). Every write is conditional, so two
 * clients updating the same note cannot overwrite each other without noticing.
 */
public final class NoteRepository {
    static final String ID = "id";
    private static final String TITLE = "title";
    private static final String BODY = "body";
    private static final String VERSION = "version";
    private static final String CREATED_AT = "createdAt";
    private static final String UPDATED_AT = "updatedAt";

    // Attribute names go through placeholders so that no name can clash with a reserved word.
    private static final Map<String, String> NAMES = Map.of(
            "#id", ID, "#title", TITLE, "#body", BODY, "#version", VERSION, "#updatedAt", UPDATED_AT);

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Clock clock;

    public NoteRepository(DynamoDbClient dynamo, String tableName, Clock clock) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.clock = clock;
    }

    /** Stores a new note at version 1 under a fresh id. */
    public Note create(NoteDraft draft) {
        Instant now = clock.instant();
        Note note = new Note(UUID.randomUUID().toString(), draft.title(), draft.body(), 1, now, now);
        // Ids are drawn per request, never during init, so SnapStart's shared snapshot cannot
        // repeat them; the condition still refuses to overwrite an existing note.
        dynamo.putItem(put -> put.tableName(tableName)
                .item(toItem(note))
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ID)));
        return note;
    }

    /** Reads a note with a strongly consistent read, so a client sees its own last write. */
    public Optional<Note> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(get -> get.tableName(tableName)
                .key(key(id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Up to {@code limit} notes, continuing after the note {@code startAfterId} when given. */
    public NotePage list(int limit, Optional<String> startAfterId) {
        ScanRequest.Builder scan = ScanRequest.builder().tableName(tableName).limit(limit);
        startAfterId.ifPresent(id -> scan.exclusiveStartKey(key(id)));
        ScanResponse response = dynamo.scan(scan.build());
        Optional<String> lastKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.ofNullable(response.lastEvaluatedKey().get(ID)).map(AttributeValue::s)
                : Optional.empty();
        return new NotePage(response.items().stream().map(NoteRepository::fromItem).toList(), lastKey);
    }

    /**
     * Replaces title and body if the note is still at {@code change.expectedVersion()}, and
     * moves it to the next version.
     *
     * @throws NoteNotFoundException when there is no such note
     * @throws StaleVersionException when the note has moved on since the client read it
     */
    public Note update(String id, NoteChange change) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":title", AttributeValue.fromS(change.title()));
        values.put(":body", AttributeValue.fromS(change.body()));
        values.put(":expected", number(change.expectedVersion()));
        values.put(":next", number(change.expectedVersion() + 1));
        values.put(":now", AttributeValue.fromS(clock.instant().toString()));
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(update -> update.tableName(tableName)
                    .key(key(id))
                    .updateExpression("SET #title = :title, #body = :body, #version = :next, #updatedAt = :now")
                    .conditionExpression("attribute_exists(#id) AND #version = :expected")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return fromItem(item);
        } catch (ConditionalCheckFailedException e) {
            throw whyRefused(id, change.expectedVersion());
        }
    }

    /**
     * Deletes a note; with an expected version, only if the note is still at that version.
     *
     * @throws NoteNotFoundException when there is no such note
     * @throws StaleVersionException when an expected version was given and the note moved on
     */
    public void delete(String id, Optional<Long> expectedVersion) {
        DeleteItemRequest.Builder delete = DeleteItemRequest.builder().tableName(tableName).key(key(id));
        if (expectedVersion.isPresent()) {
            delete.conditionExpression("attribute_exists(#id) AND #version = :expected")
                    .expressionAttributeNames(Map.of("#id", ID, "#version", VERSION))
                    .expressionAttributeValues(Map.of(":expected", number(expectedVersion.get())));
        } else {
            delete.conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#id", ID));
        }
        try {
            dynamo.deleteItem(delete.build());
        } catch (ConditionalCheckFailedException e) {
            throw expectedVersion.isPresent() ? whyRefused(id, expectedVersion.get()) : new NoteNotFoundException(id);
        }
    }

    /** A refused conditional write means either the note is gone or its version moved on. */
    private RuntimeException whyRefused(String id, long expectedVersion) {
        return find(id)
                .<RuntimeException>map(current -> new StaleVersionException(id, expectedVersion, current.version()))
                .orElseGet(() -> new NoteNotFoundException(id));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(ID, AttributeValue.fromS(id));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Map<String, AttributeValue> toItem(Note note) {
        return Map.of(
                ID, AttributeValue.fromS(note.id()),
                TITLE, AttributeValue.fromS(note.title()),
                BODY, AttributeValue.fromS(note.body()),
                VERSION, number(note.version()),
                CREATED_AT, AttributeValue.fromS(note.createdAt().toString()),
                UPDATED_AT, AttributeValue.fromS(note.updatedAt().toString()));
    }

    private static Note fromItem(Map<String, AttributeValue> item) {
        return new Note(
                item.get(ID).s(),
                item.get(TITLE).s(),
                item.get(BODY).s(),
                Long.parseLong(item.get(VERSION).n()),
                Instant.parse(item.get(CREATED_AT).s()),
                Instant.parse(item.get(UPDATED_AT).s()));
    }
}
