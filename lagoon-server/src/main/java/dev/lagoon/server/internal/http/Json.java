package dev.lagoon.server.internal.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lagoon.server.internal.ApiException;
import dev.lagoon.server.internal.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON in and out. Reading is strict (no trailing garbage, no duplicate keys, exact decimals);
 * a body that does not parse becomes 400 {@code MALFORMED_JSON} with the line and column,
 * never the parser's internals.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private Json() {
    }

    /**
     * @param body the request body
     * @return the parsed JSON value
     * @throws ApiException 400 {@code MALFORMED_JSON} when it is not JSON, 400 {@code INVALID_REQUEST} when empty
     */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "the request needs a JSON body");
        }
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, "the request needs a JSON body");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String position = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            String why = e.getOriginalMessage();
            if (why != null && why.length() > 200) {
                why = why.substring(0, 200) + "...";
            }
            throw new ApiException(ErrorCode.MALFORMED_JSON, "the request body is not valid JSON" + position
                    + (why == null ? "" : ": " + why));
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "the request body could not be read as JSON");
        }
    }

    /**
     * @param value maps, lists, strings, numbers, booleans or {@code null}
     * @return UTF-8 JSON
     */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
