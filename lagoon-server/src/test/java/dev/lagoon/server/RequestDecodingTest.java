package dev.lagoon.server;

import dev.lagoon.server.internal.Masking;
import dev.lagoon.server.internal.Secret;
import dev.lagoon.server.internal.http.LenientHttpConnectionFactory;
import dev.lagoon.server.internal.http.QueryString;
import dev.lagoon.server.internal.http.RequestStats;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lenient parts of reading a request: query strings encoded fully, partly or not at all,
 * request lines with raw spaces, operation names for the counters, and masking of secrets.
 */
class RequestDecodingTest {

    @Test
    void queryParametersDecodeFullyEncodedText() {
        assertThat(QueryString.parse("condition=id%20%3D%202&x=1")).containsEntry("condition", "id = 2")
                .containsEntry("x", "1");
        assertThat(QueryString.parse("condition=name+%3D+%27A%2BB%27")).containsEntry("condition", "name = 'A+B'");
        assertThat(QueryString.parse("condition=n%C3%A4me")).containsEntry("condition", "näme");
    }

    @Test
    void aValueKeepsItsOwnEqualsSigns() {
        assertThat(QueryString.parse("condition=id = 2 AND a >= 3")).containsEntry("condition", "id = 2 AND a >= 3");
        assertThat(QueryString.parse("condition=id+=+2")).containsEntry("condition", "id = 2");
    }

    @Test
    void aPercentSignThatIsNotAnEscapeIsKept() {
        assertThat(QueryString.parse("condition=name%20LIKE%20'A%'")).containsEntry("condition", "name LIKE 'A%'");
        assertThat(QueryString.parse("condition=a%2")).containsEntry("condition", "a%2");
        assertThat(QueryString.parse("condition=%zz")).containsEntry("condition", "%zz");
    }

    @Test
    void emptyAndRepeatedParametersAreHandled() {
        assertThat(QueryString.parse(null)).isEmpty();
        assertThat(QueryString.parse("&&flag&condition=")).containsEntry("flag", "").containsEntry("condition", "");
        assertThat(QueryString.parse("a=1&a=2")).containsEntry("a", "1");
        assertThat(QueryString.parse("condition=%F0%9F%9A%80 x")).containsEntry("condition", "🚀 x");
    }

    @Test
    void operationsAreNamedFromMethodAndPath() {
        assertThat(RequestStats.operation("GET", "/", false)).isEqualTo("welcome");
        assertThat(RequestStats.operation("GET", "/databases", false)).isEqualTo("list_databases");
        assertThat(RequestStats.operation("POST", "/databases/", false)).isEqualTo("create_database");
        assertThat(RequestStats.operation("DELETE", "/databases/d", false)).isEqualTo("drop_database");
        assertThat(RequestStats.operation("GET", "/databases/d/tables", false)).isEqualTo("list_tables");
        assertThat(RequestStats.operation("POST", "/databases/d/tables", false)).isEqualTo("create_table");
        assertThat(RequestStats.operation("GET", "/databases/d/tables/t", true)).isEqualTo("select");
        assertThat(RequestStats.operation("POST", "/databases/d/tables/t", false)).isEqualTo("insert");
        assertThat(RequestStats.operation("PUT", "/databases/d/tables/t", false)).isEqualTo("update");
        assertThat(RequestStats.operation("DELETE", "/databases/d/tables/t", true)).isEqualTo("delete_rows");
        assertThat(RequestStats.operation("DELETE", "/databases/d/tables/t", false)).isEqualTo("drop_table");
        assertThat(RequestStats.operation("POST", "/databases/d/query", false)).isEqualTo("query");
        assertThat(RequestStats.operation("POST", "/transactions", false)).isEqualTo("begin_transaction");
        assertThat(RequestStats.operation("POST", "/transactions/x/commit", false)).isEqualTo("commit_transaction");
        assertThat(RequestStats.operation("POST", "/transactions/x/rollback", false)).isEqualTo("rollback_transaction");
        assertThat(RequestStats.operation("GET", "/metrics", false)).isEqualTo("metrics");
        assertThat(RequestStats.operation("PATCH", "/databases/d/tables/t", false)).isEqualTo("other");
        assertThat(RequestStats.operation("GET", "/wp-admin/x/y/z/w", false)).isEqualTo("other");
    }

    @Test
    void jdbcUrlsAreMaskedInEveryForm() {
        assertThat(Masking.jdbcUrl("jdbc:postgresql://h/db?user=u&password=s3cr3t&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=****&ssl=true");
        assertThat(Masking.jdbcUrl("jdbc:h2:file:/x;USER=sa;PASSWORD=s3cr3t;MODE=x"))
                .isEqualTo("jdbc:h2:file:/x;USER=sa;PASSWORD=****;MODE=x");
        assertThat(Masking.jdbcUrl("jdbc:mariadb://u:s3cr3t@h:3306/db")).isEqualTo("jdbc:mariadb://u:****@h:3306/db");
        assertThat(Masking.jdbcUrl("jdbc:oracle:thin:scott/s3cr3t@h:1521/x")).doesNotContain("s3cr3t");
        assertThat(Masking.jdbcUrl("jdbc:postgresql://h/db")).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void knownSecretsAreMaskedInFreeText() {
        String text = "login failed for secret-pw at jdbc:postgresql://h/db?password=other";
        assertThat(Masking.text(text, List.of(Secret.ofNullable("secret-pw"))))
                .isEqualTo("login failed for **** at jdbc:postgresql://h/db?password=****");
        Secret s = Secret.ofNullable("abc");
        assertThat(s.toString()).isEqualTo("****");
        assertThat(s.matches("abc")).isTrue();
        assertThat(s.matches("abd")).isFalse();
        assertThat(s.matches(null)).isFalse();
    }

    private static String repaired(String requestLine) {
        ByteBuffer buffer = ByteBuffer.wrap(requestLine.getBytes(StandardCharsets.US_ASCII));
        boolean changed = LenientHttpConnectionFactory.repairRequestLine(buffer);
        String out = StandardCharsets.US_ASCII.decode(buffer.duplicate()).toString();
        return (changed ? "changed: " : "kept: ") + out;
    }

    @Test
    void rawSpacesInARequestTargetBecomePlusSignsAndNothingElseChanges() {
        assertThat(repaired("GET /t?condition=id = 2 HTTP/1.1\r\nHost: x"))
                .isEqualTo("changed: GET /t?condition=id+=+2 HTTP/1.1\r\nHost: x");
        assertThat(repaired("DELETE /t?condition=a = 1 AND b LIKE 'x y' HTTP/1.0\n"))
                .isEqualTo("changed: DELETE /t?condition=a+=+1+AND+b+LIKE+'x+y' HTTP/1.0\n");
        assertThat(repaired("\r\nGET /t?c=a b HTTP/1.1\r\n")).isEqualTo("changed: \r\nGET /t?c=a+b HTTP/1.1\r\n");
    }

    @Test
    void wellFormedOrUnrecognisableLinesAreLeftAlone() {
        assertThat(repaired("GET /t?condition=id%20=%202 HTTP/1.1\r\n")).startsWith("kept: ");
        assertThat(repaired("GET /a b c\r\n")).startsWith("kept: ");
        assertThat(repaired("GET /a b HTTP/1.1x\r\n")).startsWith("kept: ");
        assertThat(repaired("HTTP/1.1 200 OK\r\n")).startsWith("kept: ");
    }
}
