package probelab.storage.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.duckdb.DuckDBStruct;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result values on their way from the driver (in a worker) to the caller (in the server), keeping their Java types.
 *
 * <p>In the worker, {@link #plain} turns what the driver returns into JSON-ready values: null, Boolean, Number
 * (non-finite doubles become strings), String (timestamps and dates as ISO-8601), List and Map. On the wire,
 * null, booleans, strings, {@code Integer}s, {@code Double}s and lists are plain JSON; every other type is a
 * one-key object naming it ({@code {"L": 5}} is a Long, {@code {"M": {...}}} a map), because JSON alone cannot tell
 * an Integer from a Long and callers compare them. {@link #read} rebuilds exactly what {@link #plain} produced.
 */
final class ValueCodec {
    private ValueCodec() {
    }

    /** What the driver returned, as a JSON-ready value. */
    static Object plain(Object v) throws SQLException {
        if (v == null || v instanceof Boolean || v instanceof String) return v;
        if (v instanceof Double d) return Double.isFinite(d) ? d : d.toString();
        if (v instanceof Float f) return Float.isFinite(f) ? f : f.toString();
        if (v instanceof Number) return v;
        if (v instanceof Timestamp t) return t.toLocalDateTime().toString();
        if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
        if (v instanceof java.sql.Time t) return t.toLocalTime().toString();
        if (v instanceof TemporalAccessor) return v.toString();
        if (v instanceof Array a) {
            List<Object> out = new ArrayList<>();
            for (Object e : (Object[]) a.getArray()) out.add(plain(e));
            return out;
        }
        if (v instanceof DuckDBStruct s) return plainMap(s.getMap());
        if (v instanceof Map<?, ?> m) return plainMap(m);
        if (v instanceof Blob b) return "(" + b.length() + " bytes)";
        if (v instanceof byte[] b) return "(" + b.length + " bytes)";
        return v.toString();
    }

    private static Map<String, Object> plainMap(Map<?, ?> m) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), plain(e.getValue()));
        return out;
    }

    /** Writes a value produced by {@link #plain}. */
    static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object e : list) write(g, e);
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            g.writeFieldName("M");
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        } else {
            g.writeStartObject();
            if (v instanceof Long l) {
                g.writeNumberField("L", l);
            } else if (v instanceof Float f) {
                g.writeNumberField("F", f);
            } else if (v instanceof Short s) {
                g.writeNumberField("S", s);
            } else if (v instanceof Byte b) {
                g.writeNumberField("B", b);
            } else if (v instanceof BigInteger n) {
                g.writeStringField("N", n.toString());
            } else if (v instanceof BigDecimal d) {
                g.writeStringField("D", d.toString()); // as text: keeps the scale
            } else {
                g.writeStringField("T", v.toString()); // not produced by plain(); text is the safe fallback
            }
            g.writeEndObject();
        }
    }

    /** Reads one value written by {@link #write}; the parser is on the value's first token. */
    static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) throw new Frames.ProtocolException("a value is missing");
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() != JsonParser.NumberType.INT) {
                    throw new Frames.ProtocolException("an untagged integer beyond int");
                }
                return p.getIntValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case START_ARRAY: {
                List<Object> out = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) out.add(read(p));
                return out;
            }
            case START_OBJECT:
                return readTagged(p);
            default:
                throw new Frames.ProtocolException("unexpected " + t + " in a value");
        }
    }

    private static Object readTagged(JsonParser p) throws IOException {
        String tag = p.nextFieldName();
        if (tag == null) throw new Frames.ProtocolException("an empty tagged value");
        p.nextToken();
        Object v = switch (tag) {
            case "L" -> p.getLongValue();
            case "F" -> p.getFloatValue();
            case "S" -> p.getShortValue();
            case "B" -> p.getByteValue();
            case "N" -> new BigInteger(text(p));
            case "D" -> new BigDecimal(text(p));
            case "T" -> text(p);
            case "M" -> readMap(p);
            default -> throw new Frames.ProtocolException("unknown value tag " + tag);
        };
        if (p.nextToken() != JsonToken.END_OBJECT) throw new Frames.ProtocolException("a tagged value with more than one key");
        return v;
    }

    private static Map<String, Object> readMap(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) throw new Frames.ProtocolException("a map that is not an object");
        Map<String, Object> out = new LinkedHashMap<>();
        String key;
        while ((key = p.nextFieldName()) != null) {
            p.nextToken();
            out.put(key, read(p));
        }
        return out;
    }

    private static String text(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw new Frames.ProtocolException("a tagged number that is not text");
        return p.getText();
    }

    /** Reads the rows frame: a JSON array of rows, each an array of values; every list comes back unmodifiable. */
    static List<List<Object>> readRows(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_ARRAY) throw new Frames.ProtocolException("rows are not an array");
        List<List<Object>> rows = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_ARRAY) throw new Frames.ProtocolException("a row is not an array");
            List<Object> row = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) row.add(read(p));
            rows.add(Collections.unmodifiableList(row));
        }
        return Collections.unmodifiableList(rows);
    }
}
