package dev.lagoon.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoon.server.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static dev.lagoon.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /databases/{db}/query}: one raw statement, run inside the named database, with a timeout. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawQueryTest {

    private TestServer api;

    @BeforeAll
    void start() {
        api = TestServer.start(b -> b.statementTimeout(Duration.ofSeconds(1)).maxQueryRows(5));
        api.createDatabase("alpha");
        api.createDatabase("beta");
        api.createTable("alpha", "items", "id", "int", "label", "string");
        api.createTable("beta", "items", "id", "int", "label", "string");
        api.insert("alpha", "items", Map.of("id", 1, "label", "a-one"));
        api.insert("alpha", "items", Map.of("id", 2, "label", "a-two"));
        api.insert("beta", "items", Map.of("id", 1, "label", "b-one"));
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private Response query(String db, String sql) {
        return api.post("/databases/" + db + "/query", json(Map.of("query", sql)));
    }

    @Test
    void aSelectAnswersColumnsRecordsAndRowCount() {
        Response r = query("alpha", "SELECT \"id\", \"label\" AS name FROM \"items\" ORDER BY \"id\"");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("columns")).extracting(JsonNode::asText).containsExactly("id", "NAME");
        assertThat(r.json().get("row_count").asInt()).isEqualTo(2);
        assertThat(r.json().get("affected_rows").asInt()).isZero();
        assertThat(r.json().get("records").get(1).get("NAME").asText()).isEqualTo("a-two");
        assertThat(r.json().get("truncated").asBoolean()).isFalse();
    }

    @Test
    void unqualifiedNamesResolveInsideTheNamedDatabase() {
        assertThat(query("alpha", "SELECT \"label\" FROM \"items\" WHERE \"id\" = 1").json().get("records").get(0)
                .get("label").asText()).isEqualTo("a-one");
        assertThat(query("beta", "SELECT \"label\" FROM \"items\" WHERE \"id\" = 1").json().get("records").get(0)
                .get("label").asText()).isEqualTo("b-one");
    }

    @Test
    void anUpdateAnswersTheAffectedRows() {
        api.createTable("beta", "counters", "n", "int");
        api.insert("beta", "counters", Map.of("n", 1));
        api.insert("beta", "counters", Map.of("n", 2));
        Response r = query("beta", "UPDATE \"counters\" SET \"n\" = \"n\" + 10");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("affected_rows").asInt()).isEqualTo(2);
        assertThat(r.json().get("row_count").asInt()).isZero();
        assertThat(r.json().get("columns")).isEmpty();
        assertThat(api.rows("beta", "counters").toString()).contains("11").contains("12");
    }

    @Test
    void ddlThroughQueryCreatesTablesInTheNamedDatabaseOnly() {
        assertThat(query("alpha", "CREATE TABLE made_raw (x INT)").status()).isEqualTo(200);
        assertThat(api.get("/databases/alpha/tables").json().get("tables").toString()).contains("MADE_RAW");
        assertThat(api.get("/databases/beta/tables").json().get("tables").toString()).doesNotContain("MADE_RAW");
    }

    @Test
    void theSessionIsPointedBackAfterEachQuery() {
        for (int i = 0; i < 5; i++) {
            query("alpha", "SELECT 1");
        }
        Response r = query("beta", "SELECT \"label\" FROM \"items\"");
        assertThat(r.json().get("records")).hasSize(1);
        assertThat(r.json().get("records").get(0).get("label").asText()).isEqualTo("b-one");
    }

    @Test
    void moreThanOneStatementIsRefusedAndNothingRuns() {
        Response r = query("alpha", "SELECT 1; DROP TABLE \"items\"");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("MULTIPLE_STATEMENTS");
        assertThat(r.error()).contains("2 statements");
        assertThat(api.rows("alpha", "items")).hasSize(2);
    }

    @Test
    void semicolonsInsideStringsAndCommentsAndATrailingOneAreFine() {
        Response r = query("alpha", "SELECT 'a;b' AS s, \"id\" FROM \"items\" /* ; */ WHERE \"id\" = 1 -- ;\n;");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("records").get(0).get("S").asText()).isEqualTo("a;b");
    }

    @Test
    void anEmptyQueryIsRefused() {
        Response r = query("alpha", "  ; -- nothing\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void badSqlIs400WithTheBackendsMessage() {
        Response r = query("alpha", "SELEC nonsense");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("SQL_ERROR");
        assertThat(r.error()).contains("Syntax error");
        Response missing = query("alpha", "SELECT * FROM no_such_table");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).containsIgnoringCase("not found");
    }

    @Test
    void aConstraintViolationIs409() {
        assertThat(query("beta", "CREATE TABLE uniq (k INT PRIMARY KEY)").status()).isEqualTo(200);
        assertThat(query("beta", "INSERT INTO uniq VALUES (1)").status()).isEqualTo(200);
        Response r = query("beta", "INSERT INTO uniq VALUES (1)");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("CONSTRAINT_VIOLATION");
    }

    @Test
    void aStatementRunningPastTheTimeoutIsCancelledWith503() {
        Response r = query("alpha", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)"
                + " SELECT COUNT(*) FROM r");
        assertThat(r.status()).as(r.text()).isEqualTo(503);
        assertThat(r.code()).isEqualTo("QUERY_TIMEOUT");
        assertThat(r.error()).contains("1 s statement timeout");
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void resultsAreCutAtTheRowLimitAndSaySo() {
        Response r = query("alpha", "SELECT X FROM SYSTEM_RANGE(1, 20)");
        assertThat(r.json().get("row_count").asInt()).isEqualTo(5);
        assertThat(r.json().get("truncated").asBoolean()).isTrue();
    }

    @Test
    void repeatedColumnLabelsGetDistinctKeys() {
        Response r = query("alpha", "SELECT 1 AS v, 2 AS v");
        assertThat(r.json().get("columns")).extracting(JsonNode::asText).containsExactly("V", "V");
        assertThat(r.json().get("records").get(0).get("V").asInt()).isEqualTo(1);
        assertThat(r.json().get("records").get(0).get("V_2").asInt()).isEqualTo(2);
    }
}
