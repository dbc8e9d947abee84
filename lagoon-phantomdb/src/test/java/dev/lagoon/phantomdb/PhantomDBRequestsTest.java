package dev.lagoon.phantomdb;

import dev.lagoon.phantomdb.StubServer.Reply;
import dev.lagoon.phantomdb.StubServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The requests each client operation sends, and how answers are read, against a recording stub. */
class PhantomDBRequestsTest {
    private StubServer server;
    private PhantomDB db;

    @BeforeEach
    void start() throws Exception {
        server = StubServer.start();
        db = PhantomDB.connect(server.baseUrl());
    }

    @AfterEach
    void stop() {
        db.close();
        server.close();
    }

    private void answer(String json) {
        server.answer(r -> Reply.json(200, json));
    }

    @Test
    void healthCheckGetsHealthAndReturnsTheAnswer() throws Exception {
        assertThat(db.healthCheck()).containsEntry("status", "healthy");
        Request r = server.take();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.rawPath()).isEqualTo("/health");
        assertThat(r.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void listDatabasesReadsTheDatabasesArray() throws Exception {
        answer("{\"databases\":[\"a\",\"b\"]}");

        assertThat(db.listDatabases()).containsExactly("a", "b");
        Request r = server.take();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.rawPath()).isEqualTo("/databases");
    }

    @Test
    void createDatabasePostsTheNameAsJson() throws Exception {
        answer("{\"message\":\"Database created\"}");

        assertThat(db.createDatabase("shop")).containsEntry("message", "Database created");
        Request r = server.take();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawPath()).isEqualTo("/databases");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo("{\"name\":\"shop\"}");
    }

    @Test
    void dropDatabaseDeletesTheDatabasePath() throws Exception {
        answer("{\"message\":\"dropped\"}");

        db.dropDatabase("shop");
        Request r = server.take();
        assertThat(r.method()).isEqualTo("DELETE");
        assertThat(r.rawPath()).isEqualTo("/databases/shop");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void listTablesReadsTheTablesArray() throws Exception {
        answer("{\"tables\":[\"t1\"]}");

        assertThat(db.listTables("shop")).containsExactly("t1");
        assertThat(server.take().rawPath()).isEqualTo("/databases/shop/tables");
    }

    @Test
    void createTablePostsNameAndColumnsInOrder() throws Exception {
        answer("{\"message\":\"Table created\"}");

        db.createTable("shop", "items", List.of(Column.of("id", "int"), Column.of("name", "string")));
        Request r = server.take();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawPath()).isEqualTo("/databases/shop/tables");
        assertThat(r.body()).isEqualTo("{\"name\":\"items\",\"columns\":[{\"name\":\"id\",\"type\":\"int\"},"
                + "{\"name\":\"name\",\"type\":\"string\"}]}");
    }

    @Test
    void dropTableDeletesTheTablePathWithoutACondition() throws Exception {
        answer("{\"message\":\"dropped\"}");

        db.dropTable("shop", "items");
        Request r = server.take();
        assertThat(r.method()).isEqualTo("DELETE");
        assertThat(r.rawPath()).isEqualTo("/databases/shop/tables/items");
        assertThat(r.rawQuery()).isNull();
    }

    @Test
    void insertPostsTheRowAsAFlatObjectAndReturnsTheInsertedCount() throws Exception {
        answer("{\"message\":\"ok\",\"inserted\":1}");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 7);
        row.put("price", 2.5);
        row.put("big", new BigDecimal("12345678901234567890.5"));
        row.put("ok", true);
        row.put("note", null);
        row.put("day", LocalDate.of(2024, 2, 29));
        row.put("at", Instant.parse("2024-01-02T03:04:05Z"));
        row.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        row.put("unit", TimeUnit.SECONDS);

        assertThat(db.insert("shop", "items", row)).isEqualTo(1);
        Request r = server.take();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawPath()).isEqualTo("/databases/shop/tables/items");
        assertThat(r.body()).isEqualTo("{\"id\":7,\"price\":2.5,\"big\":12345678901234567890.5,\"ok\":true,"
                + "\"note\":null,\"day\":\"2024-02-29\",\"at\":\"2024-01-02T03:04:05Z\","
                + "\"uuid\":\"123e4567-e89b-12d3-a456-426614174000\",\"unit\":\"SECONDS\"}");
    }

    @Test
    void aValueWithNoJsonFormIsRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> db.insert("shop", "items", Map.of("thread", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'thread' has a value of type java.lang.Object");
        assertThatThrownBy(() -> db.insert("shop", "items", Map.of("x", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThat(server.pending()).isEmpty();
    }

    @Test
    void selectReadsRecordsAsOrderedMapsOfPlainJavaValues() throws Exception {
        answer("{\"records\":[{\"id\":1,\"name\":\"tea\",\"price\":2.5,\"ok\":true,\"gone\":null,"
                + "\"huge\":123456789012345678901234567890}]}");

        List<Map<String, Object>> rows = db.select("shop", "items");

        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row.keySet()).containsExactly("id", "name", "price", "ok", "gone", "huge");
        assertThat(row.get("id")).isEqualTo(1L);
        assertThat(row.get("name")).isEqualTo("tea");
        assertThat(row.get("price")).isEqualTo(2.5d);
        assertThat(row.get("ok")).isEqualTo(Boolean.TRUE);
        assertThat(row).containsEntry("gone", null);
        assertThat(row.get("huge")).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        assertThatThrownBy(() -> row.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> rows.add(row)).isInstanceOf(UnsupportedOperationException.class);
        Request r = server.take();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.rawPath()).isEqualTo("/databases/shop/tables/items");
        assertThat(r.rawQuery()).isNull();
    }

    @Test
    void selectSendsTheConditionPercentEncodedSoTheServerDecodesItExactly() throws Exception {
        answer("{\"records\":[]}");
        String condition = "name = 'a b&c=d+e#f%g' AND id >= 2";

        db.select("shop", "items", condition);

        Request r = server.take();
        assertThat(r.rawQuery()).isEqualTo("condition=name%20%3D%20%27a%20b%26c%3Dd%2Be%23f%25g%27%20AND%20id%20%3E%3D%202");
        assertThat(r.decodedQuery()).isEqualTo("condition=" + condition);
    }

    @Test
    void aBlankConditionSelectsEveryRowLikeThePythonClient() throws Exception {
        answer("{\"records\":[]}");

        db.select("shop", "items", "  ");

        assertThat(server.take().rawQuery()).isNull();
    }

    @Test
    void namesAreEncodedAsSinglePathSegments() throws Exception {
        answer("{\"records\":[]}");

        db.select("my db/x", "t?#%é");

        assertThat(server.take().rawPath()).isEqualTo("/databases/my%20db%2Fx/tables/t%3F%23%25%C3%A9");
    }

    @Test
    void namesThatWouldAddressAnotherResourceAreRejected() {
        assertThatThrownBy(() -> db.dropTable("shop", "..")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table name must not be '..'");
        assertThatThrownBy(() -> db.dropDatabase(".")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database name must not be '.'");
        assertThatThrownBy(() -> db.listTables("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database name must not be null or empty");
        assertThatThrownBy(() -> db.select(null, "t")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.pending()).isEmpty();
    }

    @Test
    void updatePutsDataAndConditionAndReturnsTheUpdatedCount() throws Exception {
        answer("{\"message\":\"ok\",\"updated\":3}");

        assertThat(db.update("shop", "items", Map.of("name", "x"), "id > 1")).isEqualTo(3);
        Request r = server.take();
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.rawPath()).isEqualTo("/databases/shop/tables/items");
        assertThat(r.body()).isEqualTo("{\"data\":{\"name\":\"x\"},\"condition\":\"id > 1\"}");
    }

    @Test
    void updateWithoutAConditionSendsNoConditionField() throws Exception {
        answer("{\"updated\":5}");

        assertThat(db.update("shop", "items", Map.of("n", 0), null)).isEqualTo(5);
        assertThat(server.take().body()).isEqualTo("{\"data\":{\"n\":0}}");
    }

    @Test
    void deleteSendsTheConditionAsAQueryAndReturnsTheDeletedCount() throws Exception {
        answer("{\"deleted\":2}");

        assertThat(db.delete("shop", "items", "id = 2")).isEqualTo(2);
        Request r = server.take();
        assertThat(r.method()).isEqualTo("DELETE");
        assertThat(r.rawPath()).isEqualTo("/databases/shop/tables/items");
        assertThat(r.rawQuery()).isEqualTo("condition=id%20%3D%202");
    }

    @Test
    void deleteWithoutAConditionIsRejectedBecauseItWouldDropTheTable() {
        assertThatThrownBy(() -> db.delete("shop", "items", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would drop table 'items'").hasMessageContaining("\"true\"");
        assertThatThrownBy(() -> db.delete("shop", "items", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.pending()).isEmpty();
    }

    @Test
    void executeQueryPostsTheSqlAndReadsColumnsRecordsAndCounts() throws Exception {
        answer("{\"columns\":[\"id\",\"n\"],\"records\":[{\"id\":1,\"n\":\"a\"}],\"row_count\":1,\"affected_rows\":0}");

        QueryResult result = db.executeQuery("shop", "SELECT id, n FROM items");

        assertThat(result.columns()).containsExactly("id", "n");
        assertThat(result.records()).containsExactly(Map.of("id", 1L, "n", "a"));
        assertThat(result.rowCount()).isEqualTo(1);
        assertThat(result.affectedRows()).isZero();
        Request r = server.take();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawPath()).isEqualTo("/databases/shop/query");
        assertThat(r.body()).isEqualTo("{\"query\":\"SELECT id, n FROM items\"}");
    }

    @Test
    void beginTransactionReturnsTheIdWhetherTextOrNumber() throws Exception {
        answer("{\"transaction_id\":\"tx-1\"}");
        assertThat(db.beginTransaction()).isEqualTo("tx-1");
        Request r = server.take();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawPath()).isEqualTo("/transactions");

        answer("{\"transaction_id\":42}");
        assertThat(db.beginTransaction()).isEqualTo("42");
    }

    @Test
    void commitAndRollbackPostToTheTransactionPaths() throws Exception {
        answer("{\"message\":\"ok\"}");

        db.commitTransaction("tx 1");
        db.rollbackTransaction("tx-2");

        assertThat(server.take().rawPath()).isEqualTo("/transactions/tx%201/commit");
        assertThat(server.take().rawPath()).isEqualTo("/transactions/tx-2/rollback");
    }

    @Test
    void aTransactionViewSendsTheTransactionHeaderOnDataRequestsOnly() throws Exception {
        answer("{\"records\":[],\"inserted\":1,\"message\":\"ok\"}");
        PhantomDB tx = db.inTransaction("tx-9");

        tx.select("shop", "items");
        tx.insert("shop", "items", Map.of("id", 1));
        tx.commitTransaction("tx-9");
        db.select("shop", "items");

        assertThat(server.take().header("X-Transaction-Id")).isEqualTo("tx-9");
        assertThat(server.take().header("X-Transaction-Id")).isEqualTo("tx-9");
        assertThat(server.take().header("X-Transaction-Id")).isNull();
        assertThat(server.take().header("X-Transaction-Id")).isNull();
        assertThat(tx.transactionId()).contains("tx-9");
        assertThat(db.transactionId()).isEmpty();
    }

    @Test
    void transactionCommitsWhenTheWorkReturns() throws Exception {
        server.answer(r -> Reply.json(200, r.rawPath().equals("/transactions")
                ? "{\"transaction_id\":\"t1\"}" : "{\"inserted\":1,\"message\":\"ok\"}"));

        long inserted = db.transaction(tx -> tx.insert("shop", "items", Map.of("id", 1)));

        assertThat(inserted).isEqualTo(1);
        assertThat(server.take().rawPath()).isEqualTo("/transactions");
        Request insert = server.take();
        assertThat(insert.header("X-Transaction-Id")).isEqualTo("t1");
        assertThat(server.take().rawPath()).isEqualTo("/transactions/t1/commit");
    }

    @Test
    void transactionRollsBackAndRethrowsWhenTheWorkThrows() throws Exception {
        server.answer(r -> Reply.json(200, r.rawPath().equals("/transactions")
                ? "{\"transaction_id\":\"t2\"}" : "{\"message\":\"ok\"}"));
        IllegalStateException failure = new IllegalStateException("work failed");

        assertThatThrownBy(() -> db.transaction(tx -> {
            throw failure;
        })).isSameAs(failure);

        assertThat(server.take().rawPath()).isEqualTo("/transactions");
        assertThat(server.take().rawPath()).isEqualTo("/transactions/t2/rollback");
    }

    @Test
    void theTokenIsSentAsABearerAuthorization() throws Exception {
        try (PhantomDB withToken = PhantomDB.builder().baseUrl(server.baseUrl()).token("tok-1").build()) {
            withToken.healthCheck();
        }
        db.healthCheck();

        assertThat(server.take().header("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(server.take().header("Authorization")).isNull();
    }

    @Test
    void toStringShowsTheServerButNeverTheToken() {
        try (PhantomDB withToken = PhantomDB.builder().baseUrl(server.baseUrl()).token("tok-secret").build()) {
            assertThat(withToken.toString()).contains(server.baseUrl()).doesNotContain("tok-secret");
        }
    }
}
