package dev.lagoon.phantomdb.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON conversions of the client, in both directions, with one shared (thread-safe) mapper.
 *
 * <p>Java to JSON accepts only plain values, so no object is ever serialized field by field by
 * accident: {@code null}, {@link String}, {@link Number}, {@link Boolean}, {@link Character},
 * {@link Enum} (its name), {@link UUID}, {@code java.time} values and {@link Date} (ISO-8601
 * text), {@code byte[]} (Base64 text), and {@link Map}s with string keys and
 * {@link Collection}s or arrays of those.
 *
 * <p>JSON to Java gives {@link LinkedHashMap}-ordered unmodifiable maps, unmodifiable lists,
 * {@link String}, {@link Long} (or {@link BigInteger} beyond its range), {@link Double} (or
 * {@link BigDecimal} when a decimal node is met), {@link Boolean} and {@code null}.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** @return a new, empty JSON object */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /**
     * @param body the bytes of a JSON document
     * @return its tree
     * @throws IOException if the bytes are not one JSON document
     */
    public static JsonNode parse(byte[] body) throws IOException {
        JsonNode node = MAPPER.readTree(body);
        if (node == null || node.isMissingNode()) {
            throw new IOException("empty JSON document");
        }
        return node;
    }

    /**
     * @param node a tree
     * @return its compact JSON text as UTF-8 bytes
     */
    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Converts a Java value to JSON.
     *
     * @param what  where the value sits ("column 'price'"), for the message
     * @param value the value
     * @return its JSON tree
     * @throws IllegalArgumentException for a value of a type listed nowhere above
     */
    public static JsonNode toJson(String what, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double d) {
            return finite(what, d);
        }
        if (value instanceof Float f) {
            return finite(what, f.doubleValue());
        }
        if (value instanceof BigDecimal bd) {
            return NODES.numberNode(bd);
        }
        if (value instanceof BigInteger bi) {
            return NODES.numberNode(bi);
        }
        if (value instanceof Number n) {
            return NODES.numberNode(new BigDecimal(n.toString()));
        }
        if (value instanceof Character || value instanceof UUID || value instanceof TemporalAccessor) {
            return NODES.textNode(value.toString());
        }
        if (value instanceof Date date) {
            return NODES.textNode(date.toInstant().toString());
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (value instanceof byte[] bytes) {
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Map<?, ?> map) {
            return toJsonObject(what, map);
        }
        if (value instanceof Collection<?> c) {
            ArrayNode array = NODES.arrayNode();
            for (Object o : c) {
                array.add(toJson(what, o));
            }
            return array;
        }
        if (value instanceof Object[] objects) {
            ArrayNode array = NODES.arrayNode();
            for (Object o : objects) {
                array.add(toJson(what, o));
            }
            return array;
        }
        throw new IllegalArgumentException(what + " has a value of type " + value.getClass().getName()
                + ", which has no JSON form; use a String, Number, Boolean, java.time value, Map or List");
    }

    /**
     * Converts a map with string keys to a JSON object.
     *
     * @param what where the map sits, for the message
     * @param map  the map
     * @return the JSON object
     * @throws IllegalArgumentException for a null or non-string key, or a value {@link #toJson}
     *                                  rejects
     */
    public static ObjectNode toJsonObject(String what, Map<?, ?> map) {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(what + " has a key that is not a String: " + e.getKey());
            }
            object.set(key, toJson("column '" + key + "'", e.getValue()));
        }
        return object;
    }

    private static JsonNode finite(String what, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(what + " is " + d + ", which JSON cannot carry");
        }
        return NODES.numberNode(d);
    }

    /**
     * Converts JSON to plain Java values.
     *
     * @param node the tree, or {@code null}
     * @return the value
     */
    public static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isObject()) {
            return toMap(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(toJava(element));
            }
            return Collections.unmodifiableList(list);
        }
        return node.asText();
    }

    /**
     * @param node a JSON object
     * @return an unmodifiable map in the object's field order
     */
    public static Map<String, Object> toMap(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            map.put(field.getKey(), toJava(field.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }
}
