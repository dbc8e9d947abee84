package dev.lagoon.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoon.server.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.lagoon.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Creating, listing and dropping databases and tables, with typed columns. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabasesAndTablesTest {

    private TestServer api;

    @BeforeAll
    void start() {
        api = TestServer.start();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @Test
    void aCreatedDatabaseIsListedAndADroppedOneIsNot() {
        String db = unique("shop");
        Response created = api.post("/databases", json(Map.of("name", db)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("message").asText()).isEqualTo("Database created");
        assertThat(api.get("/databases").json().get("databases")).extracting(JsonNode::asText).contains(db);

        Response dropped = api.delete("/databases/" + db);
        assertThat(dropped.status()).isEqualTo(200);
        assertThat(dropped.json().get("message").asText()).isEqualTo("Database dropped");
        assertThat(api.get("/databases").json().get("databases")).extracting(JsonNode::asText).doesNotContain(db);
    }

    @Test
    void databasesAreListedAsSortedStringsWithoutTheBackendsOwnSchemas() {
        String b = api.createDatabase(unique("b"));
        String a = api.createDatabase(unique("a"));
        JsonNode list = api.get("/databases").json().get("databases");
        assertThat(list).allMatch(JsonNode::isTextual);
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode n : list) {
            names.add(n.asText());
        }
        assertThat(names).contains(a, b).isSorted();
        assertThat(names).noneMatch(n -> n.equalsIgnoreCase("INFORMATION_SCHEMA") || n.equalsIgnoreCase("PUBLIC"));
    }

    @Test
    void creatingAnExistingDatabaseIs409() {
        String db = api.createDatabase(unique("dup"));
        Response again = api.post("/databases", json(Map.of("name", db)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("DATABASE_EXISTS");
        assertThat(again.error()).contains(db).contains("already exists");
    }

    @Test
    void droppingAMissingDatabaseIs404() {
        Response r = api.delete("/databases/nowhere_" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("DATABASE_NOT_FOUND");
        assertThat(r.error()).contains("does not exist");
    }

    @Test
    void theBackendsOwnSchemasCannotBeCreatedDroppedOrUsed() {
        for (String reserved : List.of("information_schema", "INFORMATION_SCHEMA", "public")) {
            assertThat(api.post("/databases", json(Map.of("name", reserved))).code()).isEqualTo("RESERVED_NAME");
            assertThat(api.delete("/databases/" + reserved).status()).isEqualTo(400);
            assertThat(api.get("/databases/" + reserved + "/tables").code()).isEqualTo("RESERVED_NAME");
        }
    }

    @Test
    void aDroppedDatabaseTakesItsTablesWithIt() {
        String db = api.createDatabase(unique("gone"));
        api.createTable(db, "t", "id", "int");
        api.insert(db, "t", Map.of("id", 1));
        assertThat(api.delete("/databases/" + db).status()).isEqualTo(200);
        api.createDatabase(db);
        assertThat(api.get("/databases/" + db + "/tables").json().get("tables")).isEmpty();
    }

    @Test
    void tablesAreListedPerDatabase() {
        String one = api.createDatabase(unique("one"));
        String two = api.createDatabase(unique("two"));
        api.createTable(one, "users", "id", "int");
        api.createTable(one, "orders", "id", "int");
        api.createTable(two, "other", "id", "int");
        Response r = api.get("/databases/" + one + "/tables");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("tables")).extracting(JsonNode::asText).containsExactly("orders", "users");
        assertThat(api.get("/databases/" + two + "/tables").json().get("tables")).extracting(JsonNode::asText)
                .containsExactly("other");
    }

    @Test
    void everyContractTypeSpellingCreatesAColumnThatStoresItsValues() {
        String db = api.createDatabase(unique("types"));
        api.createTable(db, "all_types", "a", "int", "b", "integer", "c", "string", "d", "text", "e", "float",
                "f", "double", "g", "boolean", "h", "bool", "i", "timestamp", "j", "INT");
        api.insert(db, "all_types", Map.of("a", 1, "b", 2, "c", "x", "d", "y", "e", 1.5, "f", 2.25, "g", true,
                "h", false, "i", "2024-05-01T12:30:00", "j", 3));
        JsonNode row = api.rows(db, "all_types").get(0);
        assertThat(row.get("a").isIntegralNumber()).isTrue();
        assertThat(row.get("b").asLong()).isEqualTo(2);
        assertThat(row.get("c").asText()).isEqualTo("x");
        assertThat(row.get("d").asText()).isEqualTo("y");
        assertThat(row.get("e").isFloatingPointNumber()).isTrue();
        assertThat(row.get("f").asDouble()).isEqualTo(2.25);
        assertThat(row.get("g").isBoolean()).isTrue();
        assertThat(row.get("h").asBoolean()).isFalse();
        assertThat(row.get("i").asText()).isEqualTo("2024-05-01T12:30:00");
        assertThat(row.get("j").asLong()).isEqualTo(3);
    }

    @Test
    void aColumnWithoutATypeIsAStringColumn() {
        String db = api.createDatabase(unique("notype"));
        Response r = api.post("/databases/" + db + "/tables",
                "{\"name\": \"t\", \"columns\": [{\"name\": \"id\", \"type\": \"int\"}, {\"name\": \"note\"}, \"bare\"]}");
        assertThat(r.status()).isEqualTo(201);
        api.insert(db, "t", Map.of("id", 1, "note", 12345, "bare", true));
        JsonNode row = api.rows(db, "t").get(0);
        assertThat(row.get("note").isTextual()).isTrue();
        assertThat(row.get("note").asText()).isEqualTo("12345");
        assertThat(row.get("bare").asText()).isEqualTo("true");
    }

    @Test
    void anUnknownColumnTypeIs400NamingTheColumnAndTheAllowedTypes() {
        String db = api.createDatabase(unique("badtype"));
        Response r = api.post("/databases/" + db + "/tables",
                json(Map.of("name", "t", "columns", List.of(Map.of("name", "blob_col", "type", "blob")))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("INVALID_TYPE");
        assertThat(r.error()).contains("'blob_col'").contains("'blob'").contains("int, integer, string");
        assertThat(api.get("/databases/" + db + "/tables").json().get("tables")).isEmpty();
    }

    @Test
    void creatingAnExistingTableIs409AndLeavesItsRowsAlone() {
        String db = api.createDatabase(unique("tdup"));
        api.createTable(db, "t", "id", "int");
        api.insert(db, "t", Map.of("id", 1));
        Response r = api.post("/databases/" + db + "/tables",
                json(Map.of("name", "t", "columns", List.of(Map.of("name", "other", "type", "string")))));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("TABLE_EXISTS");
        assertThat(api.rows(db, "t")).hasSize(1);
    }

    @Test
    void aTableNeedsColumnsWithUniqueNames() {
        String db = api.createDatabase(unique("cols"));
        Response none = api.post("/databases/" + db + "/tables", json(Map.of("name", "t", "columns", List.of())));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.error()).contains("at least one column");
        Response twice = api.post("/databases/" + db + "/tables", json(Map.of("name", "t", "columns",
                List.of(Map.of("name", "id", "type", "int"), Map.of("name", "ID", "type", "string")))));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.error()).contains("listed twice");
        Response missing = api.post("/databases/" + db + "/tables", json(Map.of("name", "t")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error()).contains("\"columns\"");
        assertThat(api.get("/databases/" + db + "/tables").json().get("tables")).isEmpty();
    }

    @Test
    void creatingATableInAMissingDatabaseIs404() {
        Response r = api.post("/databases/missing_db_x/tables",
                json(Map.of("name", "t", "columns", List.of(Map.of("name", "id", "type", "int")))));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("DATABASE_NOT_FOUND");
    }

    @Test
    void deleteWithoutAConditionDropsTheTable() {
        String db = api.createDatabase(unique("drop"));
        api.createTable(db, "t", "id", "int");
        api.insert(db, "t", Map.of("id", 1));
        Response r = api.delete("/databases/" + db + "/tables/t");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("Table dropped");
        assertThat(api.get("/databases/" + db + "/tables").json().get("tables")).isEmpty();
        assertThat(api.get("/databases/" + db + "/tables/t").status()).isEqualTo(404);
    }

    @Test
    void tablesMadeWithUnquotedRawSqlAreReachableByTheirLowerCaseName() {
        String db = api.createDatabase(unique("raw"));
        Response created = api.post("/databases/" + db + "/query",
                json(Map.of("query", "CREATE TABLE items (id INT, label VARCHAR(20))")));
        assertThat(created.status()).isEqualTo(200);
        api.insert(db, "items", Map.of("id", "5", "label", "five"));
        JsonNode rows = api.rows(db, "items");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("ID").asLong()).isEqualTo(5);
        assertThat(api.get("/databases/" + db + "/tables/items?condition=" + TestServer.enc("label = 'five'"))
                .json().get("count").asInt()).isEqualTo(1);
    }
}
