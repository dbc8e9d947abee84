package dev.lagoon.server;

import dev.lagoon.server.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.lagoon.server.TestServer.enc;
import static dev.lagoon.server.TestServer.json;
import static dev.lagoon.server.TestServer.rawJson;
import static dev.lagoon.server.TestServer.rawStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input is answered with the right 4xx, a JSON error with a clear message and
 * a machine code, and changes nothing: each test compares a snapshot of every database, table and
 * row before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueTest {

    private static final int BODY_LIMIT = 64 * 1024;
    private static final String T = "/databases/shop/tables/people";

    private TestServer api;
    private String before;

    @BeforeAll
    void start() {
        api = TestServer.start(b -> b.maxBodyBytes(BODY_LIMIT).transactionTimeout(Duration.ofMillis(300)));
        api.createDatabase("shop");
        api.createTable("shop", "people", "id", "int", "name", "string", "score", "float", "active", "boolean",
                "born", "timestamp");
        api.insert("shop", "people", Map.of("id", 1, "name", "Ann", "score", 1.5, "active", true));
        api.insert("shop", "people", Map.of("id", 2, "name", "Bob", "score", 2.5, "active", false));
        api.createTable("shop", "x", "id", "int");
        api.insert("shop", "x", Map.of("id", 1));
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @BeforeEach
    void snapshot() {
        before = api.snapshot();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(api.snapshot()).as("the data after the refused request").isEqualTo(before);
    }

    private static void refused(Response r, int status, String code, String... messageParts) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.code()).isEqualTo(code);
        if (messageParts.length > 0) {
            assertThat(r.error()).contains(messageParts);
        }
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    // ---------------------------------------------------------------- names

    @ParameterizedTest
    @ValueSource(strings = {"bad name", "1abc", "a-b", "drop;table", "ünï", "a.b", "x\"y", "",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void badDatabaseNamesAre400(String name) {
        refused(api.post("/databases", json(Map.of("name", name))), 400, "INVALID_NAME", "database name");
    }

    @Test
    void aSixtyThreeCharacterNameIsTheLongestAllowed() {
        String longest = "a".repeat(63);
        assertThat(api.post("/databases", json(Map.of("name", longest))).status()).isEqualTo(201);
        assertThat(api.delete("/databases/" + longest).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad%20name", "a-b", "x%3BDROP", "%22people%22", "peo%60ple"})
    void badNamesInThePathAre400(String segment) {
        refused(api.get("/databases/" + segment + "/tables"), 400, "INVALID_NAME", "database name");
        refused(api.get("/databases/shop/tables/" + segment), 400, "INVALID_NAME", "table name");
        refused(api.delete("/databases/shop/tables/" + segment), 400, "INVALID_NAME", "table name");
        refused(api.post("/databases/shop/tables/" + segment, "{\"id\": 1}"), 400, "INVALID_NAME", "table name");
    }

    @Test
    void badTableAndColumnNamesInCreateTableAre400() {
        refused(api.post("/databases/shop/tables", json(Map.of("name", "bad table",
                "columns", List.of(Map.of("name", "id", "type", "int"))))), 400, "INVALID_NAME", "table name");
        refused(api.post("/databases/shop/tables", json(Map.of("name", "ok_table",
                "columns", List.of(Map.of("name", "my col", "type", "int"))))), 400, "INVALID_NAME", "column name");
        refused(api.post("/databases/shop/tables", json(Map.of("name", "ok_table",
                "columns", List.of(Map.of("name", "a\"); DROP TABLE x; --", "type", "int"))))), 400, "INVALID_NAME",
                "column name");
    }

    // ---------------------------------------------------------------- unknown things

    @Test
    void anUnknownDatabaseIs404Everywhere() {
        refused(api.get("/databases/nope/tables"), 404, "DATABASE_NOT_FOUND", "'nope'", "does not exist");
        refused(api.get("/databases/nope/tables/people"), 404, "DATABASE_NOT_FOUND", "'nope'");
        refused(api.post("/databases/nope/tables/people", "{\"id\": 1}"), 404, "DATABASE_NOT_FOUND", "'nope'");
        refused(api.post("/databases/nope/query", "{\"query\": \"SELECT 1\"}"), 404, "DATABASE_NOT_FOUND", "'nope'");
        refused(api.delete("/databases/nope"), 404, "DATABASE_NOT_FOUND", "'nope'");
    }

    @Test
    void anUnknownTableIs404Everywhere() {
        refused(api.get("/databases/shop/tables/nope"), 404, "TABLE_NOT_FOUND", "'nope'", "'shop'");
        refused(api.post("/databases/shop/tables/nope", "{\"id\": 1}"), 404, "TABLE_NOT_FOUND", "'nope'");
        refused(api.put("/databases/shop/tables/nope", "{\"data\": {\"id\": 1}}"), 404, "TABLE_NOT_FOUND", "'nope'");
        refused(api.delete("/databases/shop/tables/nope"), 404, "TABLE_NOT_FOUND", "'nope'");
        refused(api.delete("/databases/shop/tables/nope?condition=true"), 404, "TABLE_NOT_FOUND", "'nope'");
    }

    @Test
    void anUnknownColumnIs400NamingIt() {
        refused(api.post(T, "{\"id\": 3, \"nope\": 1}"), 400, "UNKNOWN_COLUMN", "no column 'nope'");
        refused(api.put(T, "{\"data\": {\"nope\": 1}, \"condition\": \"id = 1\"}"), 400, "UNKNOWN_COLUMN", "'nope'");
        Response cond = api.get(T + "?condition=" + enc("id = 1 AND nope = 2"));
        refused(cond, 400, "UNKNOWN_COLUMN", "'nope'", "position 12");
        assertThat(cond.json().get("position").asInt()).isEqualTo(12);
        refused(api.delete(T + "?condition=" + enc("nope = 1")), 400, "UNKNOWN_COLUMN", "'nope'");
    }

    @Test
    void anUnknownEndpointIsAJson404() {
        refused(api.get("/nothing/here"), 404, "NOT_FOUND", "no endpoint");
        refused(api.send("PATCH", T, "{}"), 404, "NOT_FOUND", "PATCH");
    }

    // ---------------------------------------------------------------- malformed bodies

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": ", "{name: \"x\"}", "{\"id\": 1,}", "{\"id\": 1} {\"id\": 2}",
            "{\"id\": 1, \"id\": 2}", "not json", "{\"id\": 'single'}"})
    void malformedJsonIs400WithWhereItBroke(String body) {
        refused(api.post(T, body), 400, "MALFORMED_JSON", "not valid JSON", "line 1, column");
    }

    @Test
    void aBodyOfTheWrongShapeIs400() {
        refused(api.post(T, "[{\"id\": 3}]"), 400, "INVALID_REQUEST", "JSON object");
        refused(api.post(T, ""), 400, "INVALID_REQUEST", "needs a JSON body");
        refused(api.post(T, "{}"), 400, "INVALID_REQUEST", "no columns");
        refused(api.post("/databases", "{\"name\": 5}"), 400, "INVALID_REQUEST", "\"name\" must be a string");
        refused(api.post("/databases", "{}"), 400, "INVALID_REQUEST", "\"name\"");
        refused(api.put(T, "{\"id\": 5}"), 400, "INVALID_REQUEST", "unknown field 'id'");
        refused(api.put(T, "{\"data\": [1]}"), 400, "INVALID_REQUEST", "\"data\" must be an object");
        refused(api.put(T, "{\"data\": {\"id\": 5}, \"condition\": {\"id\": 1}}"), 400, "INVALID_REQUEST",
                "\"condition\" must be a string");
        refused(api.post("/databases/shop/query", "{\"sql\": \"SELECT 1\"}"), 400, "INVALID_REQUEST", "\"query\"");
    }

    // ---------------------------------------------------------------- values

    @Test
    void aValueThatDoesNotFitItsColumnIs400NamingTheColumn() {
        refused(api.post(T, "{\"id\": \"abc\"}"), 400, "INVALID_VALUE", "column 'id'", "integer", "'abc'");
        refused(api.post(T, "{\"id\": 1.5}"), 400, "INVALID_VALUE", "column 'id'", "not a whole number");
        refused(api.post(T, "{\"id\": 99999999999999999999}"), 400, "INVALID_VALUE", "column 'id'", "out of");
        refused(api.post(T, "{\"id\": true}"), 400, "INVALID_VALUE", "column 'id'");
        refused(api.post(T, "{\"score\": \"lots\"}"), 400, "INVALID_VALUE", "column 'score'");
        refused(api.post(T, "{\"score\": 1e400}"), 400, "INVALID_VALUE", "column 'score'");
        refused(api.post(T, "{\"active\": \"maybe\"}"), 400, "INVALID_VALUE", "column 'active'", "boolean");
        refused(api.post(T, "{\"active\": 2}"), 400, "INVALID_VALUE", "column 'active'");
        refused(api.post(T, "{\"born\": \"yesterday\"}"), 400, "INVALID_VALUE", "column 'born'", "ISO-8601");
        refused(api.post(T, "{\"born\": 1700000000}"), 400, "INVALID_VALUE", "column 'born'");
        refused(api.post(T, "{\"name\": {\"first\": \"A\"}}"), 400, "INVALID_VALUE", "column 'name'", "an object");
        refused(api.post(T, "{\"name\": [1, 2]}"), 400, "INVALID_VALUE", "column 'name'", "an array");
        Response upd = api.put(T, "{\"data\": {\"id\": \"x\"}, \"condition\": \"id = 1\"}");
        refused(upd, 400, "INVALID_VALUE", "column 'id'");
        assertThat(upd.json().get("column").asText()).isEqualTo("id");
    }

    @Test
    void aConditionValueThatDoesNotFitItsColumnIs400AtItsPosition() {
        Response r = api.get(T + "?condition=" + enc("id = 'abc'"));
        refused(r, 400, "INVALID_CONDITION", "position 6", "'id'");
        assertThat(r.json().get("position").asInt()).isEqualTo(6);
    }

    // ---------------------------------------------------------------- injection attempts

    @ParameterizedTest
    @ValueSource(strings = {
            "1=1; DROP TABLE x",
            "id = 1; DROP TABLE x",
            "id = 1 OR 1=1",
            "id = 1; DELETE FROM people",
            "id = 1 -- comment",
            "id = 1 /* comment */",
            "id = 1 # comment",
            "name = '' OR ''=''",
            "name = 'x' OR 'a'='a'",
            "name = 'unterminated",
            "id = 1 UNION SELECT * FROM x",
            "\"id\" = 1",
            "id = (SELECT MAX(id) FROM x)",
            "id = 1) OR (1 = 1",
            "sleep(5) = 0",
            "id = 0x10",
            "id = 1 AND"})
    void conditionInjectionIsRejectedAndChangesNothing(String condition) {
        Response select = api.get(T + "?condition=" + enc(condition));
        refused(select, 400, "INVALID_CONDITION", "invalid condition at position");
        assertThat(select.json().get("position").asInt()).isPositive();
        refused(api.delete(T + "?condition=" + enc(condition)), 400, "INVALID_CONDITION", "position");
        refused(api.delete("/databases/shop/tables/x?condition=" + enc(condition)), 400, "INVALID_CONDITION");
        refused(api.put(T, json(Map.of("data", Map.of("name", "hacked"), "condition", condition))), 400,
                "INVALID_CONDITION");
    }

    @Test
    void quotesInsideAStringLiteralAreDataNotSyntax() {
        Response r = api.get(T + "?condition=" + enc("name = 'x'' OR ''1''=''1'"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("records")).isEmpty();
        Response d = api.delete(T + "?condition=" + enc("name = 'Ann''; DROP TABLE x; --'"));
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.json().get("deleted").asInt()).isZero();
    }

    @Test
    void anEmptyConditionIsRefusedRatherThanDroppingOrUpdatingEverything() {
        refused(api.delete(T + "?condition="), 400, "INVALID_CONDITION", "omit it to drop the table",
                "condition=true");
        refused(api.delete(T + "?condition=%20%20"), 400, "INVALID_CONDITION");
        refused(api.get(T + "?condition="), 400, "INVALID_CONDITION");
        refused(api.put(T, "{\"data\": {\"name\": \"z\"}, \"condition\": \"\"}"), 400, "INVALID_CONDITION");
    }

    // ---------------------------------------------------------------- sizes

    @Test
    void anOversizeBodyIs413BeforeItIsRead() {
        String head = "POST " + T + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (BODY_LIMIT + 1) + "\r\nConnection: close\r\n\r\n";
        String answer = api.raw(head + "{\"name\": \"" + "x".repeat(100) + "\"");
        assertThat(rawStatus(answer)).isEqualTo(413);
        assertThat(rawJson(answer).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(rawJson(answer).get("error").asText()).contains(String.valueOf(BODY_LIMIT));
    }

    @Test
    void anOversizeChunkedBodyIs413() {
        StringBuilder chunks = new StringBuilder();
        String chunk = "x".repeat(4096);
        chunks.append("c\r\n{\"name\": \"x\r\n");
        for (int sent = 0; sent <= BODY_LIMIT; sent += chunk.length()) {
            chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        chunks.append("2\r\n\"}\r\n0\r\n\r\n");
        String answer = api.raw("POST " + T + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks);
        assertThat(rawStatus(answer)).isEqualTo(413);
        assertThat(rawJson(answer).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyUnderTheLimitIsReadAndJudgedOnItsContent() {
        String name = "y".repeat(BODY_LIMIT - 100);
        Response r = api.post("/databases/shop/tables/x", "{\"id\": 9" + " ".repeat(50) + "}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(api.delete("/databases/shop/tables/x?condition=" + enc("id = 9")).json().get("deleted").asInt())
                .isEqualTo(1);
        Response big = api.post("/databases", json(Map.of("name", name)));
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.code()).isEqualTo("INVALID_NAME");
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void anUnknownTransactionIdIs404AndTheWorkIsNotDoneOutsideIt() {
        refused(api.post(T, "{\"id\": 77}", "X-Transaction-Id", "no-such-tx"), 404, "TRANSACTION_NOT_FOUND",
                "unknown transaction 'no-such-tx'");
        refused(api.get(T + "?transaction_id=no-such-tx"), 404, "TRANSACTION_NOT_FOUND");
        refused(api.post("/transactions/no-such-tx/commit", null), 404, "TRANSACTION_NOT_FOUND");
        refused(api.post("/transactions/no-such-tx/rollback", null), 404, "TRANSACTION_NOT_FOUND");
    }

    @Test
    void anExpiredTransactionIdIs404SayingItExpiredAndItsWorkIsRolledBack() {
        String id = api.post("/transactions", null).json().get("transaction_id").asText();
        Response inTx = api.post(T, "{\"id\": 88, \"name\": \"ghost\"}", "X-Transaction-Id", id);
        assertThat(inTx.status()).isEqualTo(201);
        awaitNoOpenTransaction();
        Response late = api.get("/databases/shop/tables/x?transaction_id=" + id);
        refused(late, 404, "TRANSACTION_EXPIRED", "expired", "300 ms", "rolled back");
        refused(api.post("/transactions/" + id + "/commit", null), 404, "TRANSACTION_EXPIRED", "expired");
        assertThat(api.get(T + "?condition=" + enc("id = 88")).json().get("records")).isEmpty();
    }

    /** Bounded polling of /stats (outside the transaction, so the idle clock is not reset). */
    private void awaitNoOpenTransaction() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (api.get("/stats").json().path("transactions").path("open").asInt() != 0) {
            assertThat(System.nanoTime()).as("the transaction expired within 20 s").isLessThan(deadline);
        }
    }
}
