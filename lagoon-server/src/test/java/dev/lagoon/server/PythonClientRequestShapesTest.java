package dev.lagoon.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;

import static dev.lagoon.server.TestServer.rawJson;
import static dev.lagoon.server.TestServer.rawStatus;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests the existing PhantomDB Python client sends, byte for byte over a raw socket:
 * conditions pasted into the URL without encoding ({@code ?condition=id = 2}), values as strings
 * for int columns, and an empty body for transaction calls.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonClientRequestShapesTest {

    private TestServer api;

    @BeforeAll
    void start() {
        api = TestServer.start();
        api.createDatabase("py");
        api.createTable("py", "users", "id", "int", "name", "string", "email", "string");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private String request(String method, String target, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\n")
                .append("User-Agent: python-requests/2.31.0\r\n")
                .append("Accept-Encoding: gzip, deflate\r\n")
                .append("Accept: */*\r\n")
                .append("Connection: close\r\n");
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + bytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
        return api.raw(all);
    }

    @Test
    void stringValuesForIntColumnsAreInsertedAsNumbers() {
        String answer = request("POST", "/databases/py/tables/users",
                "{\"id\": \"1\", \"name\": \"John Doe\", \"email\": \"john@example.com\"}");
        assertThat(rawStatus(answer)).isEqualTo(201);
        assertThat(rawJson(answer).get("inserted").asInt()).isEqualTo(1);
        request("POST", "/databases/py/tables/users", "{\"id\": \"2\", \"name\": \"Jane Doe\", \"email\": \"jane@example.com\"}");

        String select = request("GET", "/databases/py/tables/users?condition=id = 1", null);
        assertThat(rawStatus(select)).as(select).isEqualTo(200);
        JsonNode records = rawJson(select).get("records");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("id").isIntegralNumber()).isTrue();
        assertThat(records.get(0).get("name").asText()).isEqualTo("John Doe");
    }

    @Test
    void anUnencodedConditionWithSpacesQuotesAndPercentSignsIsUnderstood() {
        request("POST", "/databases/py/tables/users", "{\"id\": \"30\", \"name\": \"Al Smith\", \"email\": \"al@x.org\"}");
        request("POST", "/databases/py/tables/users", "{\"id\": \"31\", \"name\": \"Alba\", \"email\": \"alba@x.org\"}");

        String answer = request("GET",
                "/databases/py/tables/users?condition=name LIKE 'Al%' AND id >= 30 AND name != 'Al Smith'", null);
        assertThat(rawStatus(answer)).as(answer).isEqualTo(200);
        JsonNode records = rawJson(answer).get("records");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("name").asText()).isEqualTo("Alba");
    }

    @Test
    void aConditionAsRequestsEncodesItIsUnderstood() {
        request("POST", "/databases/py/tables/users", "{\"id\": \"40\", \"name\": \"Ola\", \"email\": \"o@x\"}");
        // python-requests quotes spaces but leaves quotes, '=' and '%' as they are
        String answer = request("GET", "/databases/py/tables/users?condition=name%20=%20'Ola'%20AND%20email%20LIKE%20'o%'",
                null);
        assertThat(rawStatus(answer)).as(answer).isEqualTo(200);
        assertThat(rawJson(answer).get("records")).hasSize(1);
    }

    @Test
    void anUnencodedConditionOnDeleteRemovesOnlyTheMatchingRows() {
        request("POST", "/databases/py/tables/users", "{\"id\": \"50\", \"name\": \"Del\", \"email\": \"d@x\"}");
        request("POST", "/databases/py/tables/users", "{\"id\": \"51\", \"name\": \"Keep\", \"email\": \"k@x\"}");
        String answer = request("DELETE", "/databases/py/tables/users?condition=id = 50", null);
        assertThat(rawStatus(answer)).as(answer).isEqualTo(200);
        assertThat(rawJson(answer).get("deleted").asInt()).isEqualTo(1);
        assertThat(rawJson(request("GET", "/databases/py/tables/users?condition=id = 51", null)).get("records")).hasSize(1);
        assertThat(rawJson(request("GET", "/databases/py/tables/users?condition=id = 50", null)).get("records")).isEmpty();
    }

    @Test
    void anUnencodedInjectionAttemptIsStillRefusedAsAMalformedCondition() {
        String answer = request("GET", "/databases/py/tables/users?condition=1=1; DROP TABLE users", null);
        assertThat(rawStatus(answer)).isEqualTo(400);
        assertThat(rawJson(answer).get("code").asText()).isEqualTo("INVALID_CONDITION");
        assertThat(rawJson(answer).get("position").asInt()).isEqualTo(4);
        assertThat(api.get("/databases/py/tables").json().get("tables").toString()).contains("users");
    }

    @Test
    void theClientsUpdateBodyWithStringNumbersWorks() {
        request("POST", "/databases/py/tables/users", "{\"id\": \"60\", \"name\": \"Upd\", \"email\": \"u@x\"}");
        String answer = request("PUT", "/databases/py/tables/users",
                "{\"data\": {\"email\": \"new@x\", \"id\": \"61\"}, \"condition\": \"id = 60\"}");
        assertThat(rawStatus(answer)).as(answer).isEqualTo(200);
        assertThat(rawJson(answer).get("updated").asInt()).isEqualTo(1);
        assertThat(rawJson(request("GET", "/databases/py/tables/users?condition=id = 61", null)).get("records")
                .get(0).get("email").asText()).isEqualTo("new@x");
    }

    @Test
    void transactionCallsWithoutABodyWork() {
        String begin = request("POST", "/transactions", null);
        assertThat(rawStatus(begin)).as(begin).isEqualTo(201);
        String id = rawJson(begin).get("transaction_id").asText();
        assertThat(id).isNotBlank();
        String commit = request("POST", "/transactions/" + id + "/commit", null);
        assertThat(rawStatus(commit)).isEqualTo(200);
        assertThat(rawJson(commit).get("message").asText()).isEqualTo("Transaction committed");
    }

    @Test
    void wellFormedRequestLinesAreNotTouched() {
        request("POST", "/databases/py/tables/users", "{\"id\": \"70\", \"name\": \"A+B\", \"email\": \"p@x\"}");
        String answer = request("GET", "/databases/py/tables/users?condition=name%20%3D%20%27A%2BB%27", null);
        assertThat(rawStatus(answer)).as(answer).isEqualTo(200);
        assertThat(rawJson(answer).get("records")).hasSize(1);
    }

    @Test
    void aGarbledRequestLineGetsAJsonError() {
        String answer = api.raw("GET /health HTTP/9\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(rawStatus(answer)).isBetween(400, 505);
        assertThat(answer).doesNotContain("<html").doesNotContain("<h1>");
    }
}
