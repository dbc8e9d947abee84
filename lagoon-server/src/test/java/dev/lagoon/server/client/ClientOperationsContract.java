package dev.lagoon.server.client;

import dev.lagoon.phantomdb.Column;
import dev.lagoon.phantomdb.PhantomDB;
import dev.lagoon.phantomdb.PhantomDBException;
import dev.lagoon.phantomdb.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every operation of the Java client against the real server, on one backend per subclass.
 * Each test works in a database of its own, dropped afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientOperationsContract {
    private LiveServer server;
    private PhantomDB db;
    private final List<String> databases = new ArrayList<>();
    private String d;

    abstract ServerBackend backend();

    @BeforeAll
    void startServer() {
        backend().requireReachable();
        server = LiveServer.start(backend());
        db = PhantomDB.connect(server.baseUrl());
    }

    @AfterAll
    void stopServer() {
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newDatabaseWithItemsTable() {
        d = newDatabase();
        db.createTable(d, "items", List.of(Column.of("id", "int"), Column.of("name", "string"),
                Column.of("price", "float"), Column.of("ok", "boolean"), Column.of("at", "timestamp")));
    }

    @AfterEach
    void dropDatabases() {
        for (String name : databases) {
            try {
                db.dropDatabase(name);
            } catch (PhantomDBException alreadyGone) {
                // the test dropped it itself
            }
        }
        databases.clear();
    }

    private String newDatabase() {
        String name = Names.database();
        db.createDatabase(name);
        databases.add(name);
        return name;
    }

    private static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private List<Object> ids(List<Map<String, Object>> rows) {
        List<Object> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("id")));
        out.sort((a, b) -> Long.compare((Long) a, (Long) b));
        return out;
    }

    private void insertIds(int... ids) {
        for (int id : ids) {
            db.insert(d, "items", row("id", id, "name", "n" + id, "price", id * 1.5, "ok", id % 2 == 0));
        }
    }

    @Test
    void healthCheckReportsAHealthyServer() {
        assertThat(db.healthCheck()).containsEntry("status", "healthy");
    }

    @Test
    void aCreatedDatabaseIsListedUntilItIsDropped() {
        String other = newDatabase();
        assertThat(db.listDatabases()).contains(d, other);

        assertThat(db.dropDatabase(other)).containsKey("message");

        assertThat(db.listDatabases()).contains(d).doesNotContain(other);
    }

    @Test
    void creatingAnExistingDatabaseIsAConflict() {
        PhantomDBException e = catchThrowableOfType(PhantomDBException.class, () -> db.createDatabase(d));

        assertThat(e.isHttpError()).isTrue();
        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(e.serverMessage()).contains(d);
    }

    @Test
    void droppingAMissingDatabaseIsNotFound() {
        PhantomDBException e = catchThrowableOfType(PhantomDBException.class, () -> db.dropDatabase(Names.database()));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.errorCode()).isNotBlank();
    }

    @Test
    void aCreatedTableIsListedUntilItIsDropped() {
        db.createTable(d, "extra", List.of(Column.of("k", "text")));
        assertThat(db.listTables(d)).containsExactlyInAnyOrder("items", "extra");

        db.dropTable(d, "extra");

        assertThat(db.listTables(d)).containsExactly("items");
    }

    @Test
    void insertedRowsComeBackFromSelectWithTheirTypes() {
        assertThat(db.insert(d, "items", row("id", 1, "name", "tea", "price", 2.5, "ok", true,
                "at", LocalDateTime.of(2024, 1, 2, 3, 4, 5)))).isEqualTo(1);
        db.insert(d, "items", row("id", 2, "name", null));

        List<Map<String, Object>> rows = db.select(d, "items", "id = 1");

        assertThat(rows).hasSize(1);
        Map<String, Object> r = rows.get(0);
        assertThat(r.keySet()).containsExactly("id", "name", "price", "ok", "at");
        assertThat(r.get("id")).isEqualTo(1L);
        assertThat(r.get("name")).isEqualTo("tea");
        assertThat(r.get("price")).isEqualTo(2.5d);
        assertThat(r.get("ok")).isEqualTo(Boolean.TRUE);
        assertThat(r.get("at")).isEqualTo("2024-01-02T03:04:05");
        Map<String, Object> nulls = db.select(d, "items", "id = 2").get(0);
        assertThat(nulls).containsEntry("name", null).containsEntry("price", null);
    }

    @Test
    void valuesSentAsStringsAreCoercedToTheirColumnTypesAsThePythonClientSendsThem() {
        db.insert(d, "items", row("id", "3", "price", "4.5", "ok", "true"));

        Map<String, Object> r = db.select(d, "items", "id = 3").get(0);

        assertThat(r.get("id")).isEqualTo(3L);
        assertThat(r.get("price")).isEqualTo(4.5d);
        assertThat(r.get("ok")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsABadRequestNamingTheColumnAndInsertsNothing() {
        PhantomDBException e = catchThrowableOfType(PhantomDBException.class,
                () -> db.insert(d, "items", row("id", "twelve", "name", "x")));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.serverMessage()).contains("id");
        assertThat(db.select(d, "items")).isEmpty();
    }

    @Test
    void selectWithAConditionReturnsOnlyMatchingRowsWhateverCharactersTheConditionHolds() {
        db.insert(d, "items", row("id", 1, "name", "it's"));
        db.insert(d, "items", row("id", 2, "name", "x&y=z+1 #2"));
        db.insert(d, "items", row("id", 3, "name", "100% tea"));
        db.insert(d, "items", row("id", 4, "name", "plain"));

        assertThat(ids(db.select(d, "items", "name = 'it''s'"))).containsExactly(1L);
        assertThat(ids(db.select(d, "items", "name = 'x&y=z+1 #2'"))).containsExactly(2L);
        assertThat(ids(db.select(d, "items", "name LIKE '100%'"))).containsExactly(3L);
        assertThat(ids(db.select(d, "items", "id >= 2 AND id <= 3"))).containsExactly(2L, 3L);
        assertThat(ids(db.select(d, "items", "NOT (id = 4) OR name IS NULL"))).containsExactly(1L, 2L, 3L);
        assertThat(ids(db.select(d, "items"))).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void updateChangesOnlyMatchingRowsAndReportsTheCount() {
        insertIds(1, 2, 3, 4);

        assertThat(db.update(d, "items", Map.of("name", "big"), "id > 2")).isEqualTo(2);

        assertThat(ids(db.select(d, "items", "name = 'big'"))).containsExactly(3L, 4L);
        assertThat(db.select(d, "items", "id = 1").get(0)).containsEntry("name", "n1");
    }

    @Test
    void updateWithoutAConditionChangesEveryRow() {
        insertIds(1, 2, 3);

        assertThat(db.update(d, "items", Map.of("ok", false), null)).isEqualTo(3);

        assertThat(db.select(d, "items", "ok = false")).hasSize(3);
    }

    @Test
    void deleteRemovesOnlyMatchingRowsAndKeepsTheTable() {
        insertIds(1, 2, 3, 4);

        assertThat(db.delete(d, "items", "id <= 2")).isEqualTo(2);

        assertThat(ids(db.select(d, "items"))).containsExactly(3L, 4L);
        assertThat(db.listTables(d)).contains("items");
    }

    @Test
    void deleteWithConditionTrueEmptiesTheTableButKeepsIt() {
        insertIds(1, 2, 3);

        assertThat(db.delete(d, "items", "true")).isEqualTo(3);

        assertThat(db.select(d, "items")).isEmpty();
        assertThat(db.listTables(d)).contains("items");
    }

    // Raw SQL quotes its identifiers: the server creates tables with quoted lower-case names, which
    // H2 (unlike PostgreSQL) does not match from unquoted ones.
    @Test
    void executeQueryReturnsColumnsRecordsAndCounts() {
        insertIds(1, 2);

        QueryResult select = db.executeQuery(d, "SELECT \"id\", \"name\" FROM \"items\" ORDER BY \"id\"");
        QueryResult update = db.executeQuery(d, "UPDATE \"items\" SET \"price\" = 9.5 WHERE \"id\" = 2");

        assertThat(select.columns()).extracting(String::toLowerCase).containsExactly("id", "name");
        assertThat(select.rowCount()).isEqualTo(2);
        assertThat(select.records()).hasSize(2);
        Map<String, Object> first = lowerKeys(select.records().get(0));
        assertThat(first).containsEntry("id", 1L).containsEntry("name", "n1");
        assertThat(update.affectedRows()).isEqualTo(1);
        assertThat(db.select(d, "items", "id = 2").get(0).get("price")).isEqualTo(9.5d);
    }

    private static Map<String, Object> lowerKeys(Map<String, Object> m) {
        Map<String, Object> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }

    @Test
    void aTransactionsWritesAreInvisibleOutsideItUntilCommitted() {
        String id = db.beginTransaction();
        PhantomDB tx = db.inTransaction(id);

        tx.insert(d, "items", row("id", 10, "name", "in-tx"));
        assertThat(tx.select(d, "items")).hasSize(1);
        assertThat(db.select(d, "items")).isEmpty();

        assertThat(db.commitTransaction(id)).containsKey("message");
        assertThat(ids(db.select(d, "items"))).containsExactly(10L);
    }

    @Test
    void aRolledBackTransactionLeavesNoTrace() {
        insertIds(1);
        String id = db.beginTransaction();
        PhantomDB tx = db.inTransaction(id);
        tx.insert(d, "items", row("id", 11));
        tx.update(d, "items", Map.of("name", "changed"), "id = 1");
        tx.delete(d, "items", "id = 1");
        tx.executeQuery(d, "INSERT INTO \"items\" (\"id\", \"name\") VALUES (12, 'raw')");

        db.rollbackTransaction(id);

        assertThat(ids(db.select(d, "items"))).containsExactly(1L);
        assertThat(db.select(d, "items", "id = 1").get(0)).containsEntry("name", "n1");
    }

    @Test
    void theTransactionHelperCommitsOnSuccessAndRollsBackOnFailure() {
        long inserted = db.transaction(tx -> tx.insert(d, "items", row("id", 20)));
        assertThatThrownBy(() -> db.transaction(tx -> {
            tx.insert(d, "items", row("id", 21));
            throw new IllegalStateException("changed my mind");
        })).hasMessage("changed my mind");

        assertThat(inserted).isEqualTo(1);
        assertThat(ids(db.select(d, "items"))).containsExactly(20L);
    }

    @Test
    void anUnknownOrFinishedTransactionIsNotFound() {
        PhantomDBException unknown = catchThrowableOfType(PhantomDBException.class,
                () -> db.commitTransaction("no-such-transaction"));
        String id = db.beginTransaction();
        db.commitTransaction(id);
        PhantomDBException finished = catchThrowableOfType(PhantomDBException.class, () -> db.rollbackTransaction(id));
        PhantomDBException joined = catchThrowableOfType(PhantomDBException.class,
                () -> db.inTransaction(id).select(d, "items"));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(finished.statusCode()).isEqualTo(404);
        assertThat(joined.statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownTableIsNotFoundAndAnUnknownColumnIsABadRequest() {
        PhantomDBException table = catchThrowableOfType(PhantomDBException.class, () -> db.select(d, "nope"));
        PhantomDBException column = catchThrowableOfType(PhantomDBException.class,
                () -> db.insert(d, "items", row("id", 1, "colour", "red")));

        assertThat(table.statusCode()).isEqualTo(404);
        assertThat(column.statusCode()).isEqualTo(400);
        assertThat(column.serverMessage()).contains("colour");
    }

    @Test
    void aConditionInjectionAttemptIsABadRequestAndChangesNothing() {
        insertIds(1, 2);

        PhantomDBException e = catchThrowableOfType(PhantomDBException.class,
                () -> db.delete(d, "items", "1=1; DROP TABLE items"));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(db.listTables(d)).contains("items");
        assertThat(db.select(d, "items")).hasSize(2);
    }

    @Test
    void aNameNeedingEncodingReachesTheServerAsOneSegmentAndIsRefusedAsAName() {
        PhantomDBException e = catchThrowableOfType(PhantomDBException.class, () -> db.listTables("bad name'"));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.serverMessage()).contains("bad name");
    }
}
