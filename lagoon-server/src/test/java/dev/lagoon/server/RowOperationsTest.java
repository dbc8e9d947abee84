package dev.lagoon.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoon.server.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lagoon.server.TestServer.enc;
import static dev.lagoon.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Insert, select, update and delete rows, with conditions and value conversion. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowOperationsTest {

    private TestServer api;
    private String db;
    private String t;

    @BeforeAll
    void start() {
        api = TestServer.start();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @BeforeEach
    void freshTable() {
        db = api.createDatabase("rows_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        t = "/databases/" + db + "/tables/people";
        api.createTable(db, "people", "id", "int", "name", "string", "score", "float", "active", "boolean",
                "born", "timestamp");
        api.insert(db, "people", row(1, "Ann", 9.5, true, "1990-01-02T03:04:05"));
        api.insert(db, "people", row(2, "Bob", 7.0, false, "1985-06-07T08:09:10"));
        api.insert(db, "people", row(3, "Cid", null, true, null));
    }

    private static Map<String, Object> row(int id, String name, Double score, Boolean active, String born) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("score", score);
        m.put("active", active);
        m.put("born", born);
        return m;
    }

    private List<Long> ids(String condition) {
        Response r = api.get(t + (condition == null ? "" : "?condition=" + enc(condition)));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<Long> out = new java.util.ArrayList<>();
        for (JsonNode rec : r.json().get("records")) {
            out.add(rec.get("id").asLong());
        }
        out.sort(null);
        return out;
    }

    @Test
    void anInsertedRowIsSelectedBackWithItsTypesInColumnOrder() {
        Response insert = api.post(t, json(row(4, "Dee", 1.25, false, "2000-02-29 23:59:58.5")));
        assertThat(insert.status()).isEqualTo(201);
        assertThat(insert.json().get("message").asText()).isEqualTo("Record inserted");
        assertThat(insert.json().get("inserted").asInt()).isEqualTo(1);

        Response r = api.get(t + "?condition=" + enc("id = 4"));
        assertThat(r.json().get("count").asInt()).isEqualTo(1);
        JsonNode rec = r.json().get("records").get(0);
        assertThat(rec.fieldNames()).toIterable().containsExactly("id", "name", "score", "active", "born");
        assertThat(rec.get("id").isIntegralNumber()).isTrue();
        assertThat(rec.get("name").asText()).isEqualTo("Dee");
        assertThat(rec.get("score").asDouble()).isEqualTo(1.25);
        assertThat(rec.get("active").isBoolean()).isTrue();
        assertThat(rec.get("born").asText()).isEqualTo("2000-02-29T23:59:58.5");
    }

    @Test
    void selectWithoutAConditionReturnsEveryRow() {
        assertThat(ids(null)).containsExactly(1L, 2L, 3L);
        assertThat(api.get(t).json().get("count").asInt()).isEqualTo(3);
    }

    @Test
    void nullsRoundTrip() {
        JsonNode cid = api.get(t + "?condition=" + enc("id = 3")).json().get("records").get(0);
        assertThat(cid.get("score").isNull()).isTrue();
        assertThat(cid.get("born").isNull()).isTrue();
        assertThat(ids("score IS NULL")).containsExactly(3L);
        assertThat(ids("score IS NOT NULL")).containsExactly(1L, 2L);
    }

    @Test
    void conditionsFilterWithEveryOperator() {
        assertThat(ids("id = 2")).containsExactly(2L);
        assertThat(ids("id != 2")).containsExactly(1L, 3L);
        assertThat(ids("id <> 2")).containsExactly(1L, 3L);
        assertThat(ids("id < 2")).containsExactly(1L);
        assertThat(ids("id <= 2")).containsExactly(1L, 2L);
        assertThat(ids("id > 2")).containsExactly(3L);
        assertThat(ids("id >= 2")).containsExactly(2L, 3L);
        assertThat(ids("name LIKE 'B%'")).containsExactly(2L);
        assertThat(ids("name NOT LIKE 'B%'")).containsExactly(1L, 3L);
        assertThat(ids("active = true AND score > 8")).containsExactly(1L);
        assertThat(ids("id = 1 OR (active = false AND name = 'Bob')")).containsExactly(1L, 2L);
        assertThat(ids("NOT (id = 1)")).containsExactly(2L, 3L);
        assertThat(ids("born < '1989-12-31T00:00:00'")).containsExactly(2L);
        assertThat(ids("false")).isEmpty();
        assertThat(ids("true")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void stringValuesAreConvertedForNumericBooleanAndTimestampColumns() {
        Response r = api.post(t, "{\"id\": \"10\", \"name\": 42, \"score\": \"3.5\", \"active\": \"yes\","
                + " \"born\": \"2001-01-01\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode rec = api.get(t + "?condition=" + enc("id = '10'")).json().get("records").get(0);
        assertThat(rec.get("id").asLong()).isEqualTo(10);
        assertThat(rec.get("id").isIntegralNumber()).isTrue();
        assertThat(rec.get("name").asText()).isEqualTo("42");
        assertThat(rec.get("score").asDouble()).isEqualTo(3.5);
        assertThat(rec.get("active").asBoolean()).isTrue();
        assertThat(rec.get("born").asText()).isEqualTo("2001-01-01T00:00:00");
    }

    @Test
    void timestampsWithAnOffsetAreStoredInUtc() {
        api.insert(db, "people", Map.of("id", 11, "born", "2024-03-01T10:00:00+02:00"));
        JsonNode rec = api.get(t + "?condition=" + enc("id = 11")).json().get("records").get(0);
        assertThat(rec.get("born").asText()).isEqualTo("2024-03-01T08:00:00");
    }

    @Test
    void updateChangesOnlyMatchingRowsAndReportsTheCount() {
        Response r = api.put(t, json(Map.of("data", Map.of("score", "1", "name", "Zed"), "condition", "active = true")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Records updated");
        assertThat(r.json().get("updated").asInt()).isEqualTo(2);
        assertThat(ids("name = 'Zed' AND score = 1")).containsExactly(1L, 3L);
        assertThat(ids("name = 'Bob' AND score = 7")).containsExactly(2L);
    }

    @Test
    void updateWithoutAConditionChangesEveryRow() {
        Response r = api.put(t, json(Map.of("data", Map.of("active", false))));
        assertThat(r.json().get("updated").asInt()).isEqualTo(3);
        assertThat(ids("active = false")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void updateCanSetNull() {
        api.put(t, "{\"data\": {\"name\": null}, \"condition\": \"id = 1\"}");
        assertThat(ids("name IS NULL")).containsExactly(1L);
    }

    @Test
    void deleteWithAConditionRemovesMatchingRowsOnly() {
        Response r = api.delete(t + "?condition=" + enc("id >= 2"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Records deleted");
        assertThat(r.json().get("deleted").asInt()).isEqualTo(2);
        assertThat(ids(null)).containsExactly(1L);
    }

    @Test
    void deleteWithConditionTrueEmptiesTheTableButKeepsIt() {
        Response r = api.delete(t + "?condition=true");
        assertThat(r.json().get("deleted").asInt()).isEqualTo(3);
        assertThat(ids(null)).isEmpty();
        assertThat(api.get("/databases/" + db + "/tables").json().get("tables")).extracting(JsonNode::asText)
                .containsExactly("people");
    }

    @Test
    void deleteMatchingNothingDeletesNothing() {
        assertThat(api.delete(t + "?condition=" + enc("id = 99")).json().get("deleted").asInt()).isZero();
        assertThat(ids(null)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void columnNamesInTheBodyMatchRegardlessOfCase() {
        api.insert(db, "people", Map.of("ID", 12, "Name", "Eve"));
        assertThat(ids("name = 'Eve'")).containsExactly(12L);
    }

    @Test
    void unicodeAndQuotesInValuesAreStoredVerbatim() {
        String tricky = "O'Brien \"quoted\" ; -- /* */ Zoë 東京 🚀 \\ %_";
        api.insert(db, "people", Map.of("id", 13, "name", tricky));
        assertThat(api.get(t + "?condition=" + enc("id = 13")).json().get("records").get(0).get("name").asText())
                .isEqualTo(tricky);
        assertThat(ids("name = 'O''Brien \"quoted\" ; -- /* */ Zoë 東京 🚀 \\ %_'")).containsExactly(13L);
    }

    @Test
    void aLargeButAllowedBodyIsStored() {
        String big = "x".repeat(200_000);
        Response r = api.post(t, json(Map.of("id", 14, "name", big)));
        assertThat(r.status()).isEqualTo(201);
        assertThat(api.get(t + "?condition=" + enc("id = 14")).json().get("records").get(0).get("name").asText())
                .hasSize(200_000);
    }
}
