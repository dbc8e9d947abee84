package dev.lagoon.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;
import dev.lagoon.server.internal.http.Json;
import dev.lagoon.server.internal.sql.ColumnType;
import dev.lagoon.server.internal.sql.TableInfo;
import dev.lagoon.server.internal.sql.ValueKind;
import dev.lagoon.server.internal.sql.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How client values become column values, and how backend type names are sorted into kinds. */
class ValueConversionTest {

    private static TableInfo.Column col(ValueKind kind) {
        return new TableInfo.Column("c", kind.name(), kind);
    }

    private static Object json(ValueKind kind, String jsonText) throws Exception {
        JsonNode node = Json.parse(jsonText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Values.fromJson(col(kind), node);
    }

    private static ApiException refused(ValueKind kind, String jsonText) {
        return catchThrowableOfType(ApiException.class, () -> json(kind, jsonText));
    }

    @Test
    void integersAcceptNumbersAndNumericStrings() throws Exception {
        assertThat(json(ValueKind.INTEGER, "42")).isEqualTo(42L);
        assertThat(json(ValueKind.INTEGER, "\"42\"")).isEqualTo(42L);
        assertThat(json(ValueKind.INTEGER, "\" -7 \"")).isEqualTo(-7L);
        assertThat(json(ValueKind.INTEGER, "\"+3\"")).isEqualTo(3L);
        assertThat(json(ValueKind.INTEGER, "2.0")).isEqualTo(2L);
        assertThat(json(ValueKind.INTEGER, "\"1e3\"")).isEqualTo(1000L);
        assertThat(json(ValueKind.INTEGER, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(json(ValueKind.INTEGER, "null")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "\"\"", "1.5", "true", "9223372036854775808", "\"1,000\"", "[1]", "{}"})
    void integersRefuseAnythingElseNamingTheColumn(String value) {
        ApiException e = refused(ValueKind.INTEGER, value);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(e.getMessage()).startsWith("column 'c' expects an integer");
        assertThat(e.body()).containsEntry("column", "c");
    }

    @Test
    void floatsAcceptNumbersAndNumericStringsButNotInfinity() throws Exception {
        assertThat(json(ValueKind.FLOAT, "1.25")).isEqualTo(1.25);
        assertThat(json(ValueKind.FLOAT, "\"2.5\"")).isEqualTo(2.5);
        assertThat(json(ValueKind.FLOAT, "3")).isEqualTo(3.0);
        assertThat(refused(ValueKind.FLOAT, "\"NaN\"")).isNotNull();
        assertThat(refused(ValueKind.FLOAT, "\"Infinity\"")).isNotNull();
        assertThat(refused(ValueKind.FLOAT, "1e999").getMessage()).contains("floating-point range");
    }

    @Test
    void decimalsStayExact() throws Exception {
        assertThat(json(ValueKind.DECIMAL, "0.1")).isEqualTo(new BigDecimal("0.1"));
        assertThat(json(ValueKind.DECIMAL, "\"123.4500\"")).isEqualTo(new BigDecimal("123.4500"));
    }

    @ParameterizedTest
    @CsvSource({"true,true", "false,false", "'\"yes\"',true", "'\"NO\"',false", "1,true", "0,false",
            "'\"t\"',true", "'\"off\"',false", "'\"1\"',true"})
    void booleansAcceptTheUsualWords(String value, boolean expected) throws Exception {
        assertThat(json(ValueKind.BOOLEAN, value)).isEqualTo(expected);
    }

    @Test
    void booleansRefuseOtherNumbersAndWords() {
        assertThat(refused(ValueKind.BOOLEAN, "2").getMessage()).contains("boolean");
        assertThat(refused(ValueKind.BOOLEAN, "\"maybe\"")).isNotNull();
    }

    @Test
    void stringsTakeNumbersAndBooleansAsTheirText() throws Exception {
        assertThat(json(ValueKind.STRING, "\"x\"")).isEqualTo("x");
        assertThat(json(ValueKind.STRING, "12")).isEqualTo("12");
        assertThat(json(ValueKind.STRING, "1.50")).isEqualTo("1.50");
        assertThat(json(ValueKind.STRING, "1e2")).isEqualTo("100");
        assertThat(json(ValueKind.STRING, "false")).isEqualTo("false");
        assertThat(refused(ValueKind.STRING, "{\"a\": 1}").getMessage()).contains("an object");
    }

    @Test
    void timestampsAcceptIsoFormsAndNormaliseOffsetsToUtc() throws Exception {
        assertThat(json(ValueKind.TIMESTAMP, "\"2024-05-01T12:30:00\"")).isEqualTo(LocalDateTime.of(2024, 5, 1, 12, 30));
        assertThat(json(ValueKind.TIMESTAMP, "\"2024-05-01 12:30\"")).isEqualTo(LocalDateTime.of(2024, 5, 1, 12, 30));
        assertThat(json(ValueKind.TIMESTAMP, "\"2024-05-01T12:30:00.123456\""))
                .isEqualTo(LocalDateTime.of(2024, 5, 1, 12, 30, 0, 123_456_000));
        assertThat(json(ValueKind.TIMESTAMP, "\"2024-05-01\"")).isEqualTo(LocalDateTime.of(2024, 5, 1, 0, 0));
        assertThat(json(ValueKind.TIMESTAMP, "\"2024-05-01T12:30:00Z\"")).isEqualTo(LocalDateTime.of(2024, 5, 1, 12, 30));
        assertThat(json(ValueKind.TIMESTAMP, "\"2024-05-01T12:30:00-03:00\""))
                .isEqualTo(LocalDateTime.of(2024, 5, 1, 15, 30));
        for (String bad : new String[] {"\"2024-13-01\"", "\"2024-05-0112:30\"", "\"noon\"", "1714566600", "true"}) {
            assertThat(refused(ValueKind.TIMESTAMP, bad)).as(bad).isNotNull();
        }
    }

    @Test
    void backendTypeNamesAreSortedIntoKinds() {
        assertThat(ValueKind.classify("BIGINT")).isEqualTo(ValueKind.INTEGER);
        assertThat(ValueKind.classify("int(11) unsigned")).isEqualTo(ValueKind.INTEGER);
        assertThat(ValueKind.classify("tinyint(1)")).isEqualTo(ValueKind.BOOLEAN);
        assertThat(ValueKind.classify("tinyint(4)")).isEqualTo(ValueKind.INTEGER);
        assertThat(ValueKind.classify("boolean")).isEqualTo(ValueKind.BOOLEAN);
        assertThat(ValueKind.classify("CHARACTER VARYING")).isEqualTo(ValueKind.STRING);
        assertThat(ValueKind.classify("longtext")).isEqualTo(ValueKind.STRING);
        assertThat(ValueKind.classify("varchar(20)")).isEqualTo(ValueKind.STRING);
        assertThat(ValueKind.classify("double precision")).isEqualTo(ValueKind.FLOAT);
        assertThat(ValueKind.classify("numeric(10,2)")).isEqualTo(ValueKind.DECIMAL);
        assertThat(ValueKind.classify("timestamp without time zone")).isEqualTo(ValueKind.TIMESTAMP);
        assertThat(ValueKind.classify("datetime(6)")).isEqualTo(ValueKind.TIMESTAMP);
        assertThat(ValueKind.classify("date")).isEqualTo(ValueKind.DATE);
        assertThat(ValueKind.classify("interval")).isEqualTo(ValueKind.OTHER);
        assertThat(ValueKind.classify("jsonb")).isEqualTo(ValueKind.OTHER);
    }

    @Test
    void contractTypeSpellingsMapToKindsAndAMissingTypeIsString() {
        assertThat(ColumnType.parse("INT", "c")).isEqualTo(ColumnType.INT);
        assertThat(ColumnType.parse(" Integer ", "c")).isEqualTo(ColumnType.INT);
        assertThat(ColumnType.parse("text", "c")).isEqualTo(ColumnType.STRING);
        assertThat(ColumnType.parse("double", "c")).isEqualTo(ColumnType.FLOAT);
        assertThat(ColumnType.parse("bool", "c")).isEqualTo(ColumnType.BOOLEAN);
        assertThat(ColumnType.parse("timestamp", "c").kind()).isEqualTo(ValueKind.TIMESTAMP);
        assertThat(ColumnType.parse(null, "c")).isEqualTo(ColumnType.STRING);
        assertThat(catchThrowableOfType(ApiException.class, () -> ColumnType.parse("varchar", "c")).code())
                .isEqualTo(ErrorCode.INVALID_TYPE);
    }
}
