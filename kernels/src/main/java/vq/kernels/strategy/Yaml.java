package vq.kernels.strategy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Safe YAML loading into a small tree that keeps every node's {@link Loc}. Uses Jackson's streaming YAML
 * parser only: no type tags (an explicit tag such as {@code !!java.net.URL} is an error), no aliases (an
 * error: they allow billion-laughs documents; collection anchors are rejected too), no duplicate keys, no
 * class instantiation.
 * Scalars keep their YAML type (string, integer, float, boolean, null).
 */
public final class Yaml {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 20).build())
            .build();

    private Yaml() {}

    /** A node of the tree. */
    public sealed interface Node permits MapNode, ListNode, Scalar {
        Loc loc();

        /** What the node is, for messages: "a map", "a list", "a string", "a number", ... */
        String kind();
    }

    /** A key of a map with the position of the key itself. */
    public record Key(String name, Loc loc) {}

    /** A YAML mapping; keys in file order. */
    public record MapNode(Loc loc, LinkedHashMap<String, Key> keys, LinkedHashMap<String, Node> values) implements Node {
        public String kind() { return "a map"; }

        public Node get(String key) { return values.get(key); }

        public boolean has(String key) { return values.containsKey(key); }

        public Loc keyLoc(String key) { return keys.get(key).loc(); }

        public Collection<String> names() { return values.keySet(); }

        /** Throws for the first key not in {@code allowed}, naming the nearest allowed key. */
        public MapNode only(String where, List<String> allowed) {
            for (Key k : keys.values()) {
                if (!allowed.contains(k.name()))
                    throw StrategyException.suggest(k.loc(), "unknown key '" + k.name() + "' in " + where
                            + " (expected one of " + String.join(", ", allowed) + ")", Names.nearest(k.name(), allowed));
            }
            return this;
        }

        /** The value of a required key; error at the map when it is missing. */
        public Node require(String where, String key) {
            Node n = values.get(key);
            if (n == null) throw new StrategyException(loc, where + " needs '" + key + "'");
            return n;
        }
    }

    /** A YAML sequence. */
    public record ListNode(Loc loc, List<Node> items) implements Node {
        public String kind() { return "a list"; }
    }

    /** Scalar types as the YAML parser resolved them. */
    public enum ScalarType { STRING, INT, FLOAT, BOOL, NULL }

    /** A YAML scalar: its text and resolved type. {@code quoted} strings never count as numbers. */
    public record Scalar(Loc loc, String text, ScalarType type) implements Node {
        public String kind() {
            return switch (type) {
                case STRING -> "a string";
                case INT, FLOAT -> "a number";
                case BOOL -> "a boolean";
                case NULL -> "null";
            };
        }

        public boolean isNumber() { return type == ScalarType.INT || type == ScalarType.FLOAT; }
    }

    /**
     * Parses one YAML document. {@code fileName} is used in locations. Errors (syntax, tags, aliases,
     * duplicate keys, an empty document, several documents) are {@link StrategyException}s.
     */
    public static Node parse(String text, String fileName) {
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new StrategyException(new Loc(fileName, 1, 1), "empty strategy file");
            Node root = read(p, t, fileName);
            JsonToken extra = p.nextToken();
            if (extra != null)
                throw new StrategyException(loc(p, fileName), "a second YAML document is not allowed");
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            Loc loc = l == null ? new Loc(fileName, 0, 0) : new Loc(fileName, l.getLineNr(), l.getColumnNr());
            throw new StrategyException(loc, "invalid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new StrategyException(new Loc(fileName, 0, 0), "cannot read YAML: " + e.getMessage());
        }
    }

    private static Loc loc(JsonParser p, String file) {
        JsonLocation l = p.currentTokenLocation();
        return new Loc(file, l.getLineNr(), l.getColumnNr());
    }

    private static Node read(YAMLParser p, JsonToken t, String file) throws IOException {
        Loc at = loc(p, file);
        String tag = p.getTypeId();
        if (tag != null) throw new StrategyException(at, "YAML type tag '" + tag + "' is not allowed (safe loading)");
        if (p.isCurrentAlias()) throw new StrategyException(at, "YAML alias '*" + p.getText() + "' is not allowed");
        if (p.getObjectId() != null)
            throw new StrategyException(at, "YAML anchor '&" + p.getObjectId() + "' is not allowed");
        switch (t) {
            case START_OBJECT -> {
                LinkedHashMap<String, Key> keys = new LinkedHashMap<>();
                LinkedHashMap<String, Node> values = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    Loc kl = loc(p, file);
                    String name = p.currentName();
                    if (keys.containsKey(name))
                        throw new StrategyException(kl, "duplicate key '" + name + "' (first at " + keys.get(name).loc() + ")");
                    JsonToken v = p.nextToken();
                    keys.put(name, new Key(name, kl));
                    values.put(name, read(p, v, file));
                }
                return new MapNode(at, keys, values);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                JsonToken v;
                while ((v = p.nextToken()) != JsonToken.END_ARRAY) items.add(read(p, v, file));
                return new ListNode(at, items);
            }
            case VALUE_STRING -> { return new Scalar(at, p.getText(), ScalarType.STRING); }
            case VALUE_NUMBER_INT -> { return new Scalar(at, numberText(p), ScalarType.INT); }
            case VALUE_NUMBER_FLOAT -> { return new Scalar(at, numberText(p), ScalarType.FLOAT); }
            case VALUE_TRUE, VALUE_FALSE -> { return new Scalar(at, p.getText(), ScalarType.BOOL); }
            case VALUE_NULL -> { return new Scalar(at, "null", ScalarType.NULL); }
            default -> throw new StrategyException(at, "unexpected YAML token " + t);
        }
    }

    /**
     * A YAML number as text {@link Double#parseDouble} accepts: YAML 1.1 spellings ({@code 1_000}, {@code 0x1F},
     * {@code 0b101}, {@code .inf}, {@code .nan}) are normalised through Jackson's numeric value.
     */
    private static String numberText(YAMLParser p) throws IOException {
        String t = p.getText();
        try {
            Double.parseDouble(t);
            if (!t.endsWith("_")) return t;
        } catch (NumberFormatException e) {
            // not Java syntax: normalise below
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".inf")) return lower.startsWith("-") ? "-Infinity" : "Infinity";
        if (lower.equals(".nan")) return "NaN";
        double v = p.getDoubleValue();
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Convenience for validators: a map of the node or an error naming what was expected. */
    public static MapNode map(Node n, String what) {
        if (n instanceof MapNode m) return m;
        throw new StrategyException(n.loc(), what + " must be a map, got " + n.kind());
    }

    public static ListNode list(Node n, String what) {
        if (n instanceof ListNode l) return l;
        throw new StrategyException(n.loc(), what + " must be a list, got " + n.kind());
    }

    public static Scalar scalar(Node n, String what) {
        if (n instanceof Scalar s && s.type() != ScalarType.NULL) return s;
        throw new StrategyException(n.loc(), what + " must be a value, got " + n.kind());
    }

    /** A string scalar (numbers and booleans are rejected: say what was expected). */
    public static String string(Node n, String what) {
        Scalar s = scalar(n, what);
        if (s.type() != ScalarType.STRING) throw new StrategyException(n.loc(), what + " must be a string, got " + s.kind() + " '" + s.text() + "'");
        return s.text();
    }

    public static double number(Node n, String what) {
        Scalar s = scalar(n, what);
        if (!s.isNumber()) throw new StrategyException(n.loc(), what + " must be a number, got " + s.kind() + " '" + s.text() + "'");
        double v = Double.parseDouble(s.text());
        if (!Double.isFinite(v)) throw new StrategyException(n.loc(), what + " must be finite, got " + s.text());
        return v;
    }

    public static boolean bool(Node n, String what) {
        Scalar s = scalar(n, what);
        if (s.type() != ScalarType.BOOL) throw new StrategyException(n.loc(), what + " must be true or false, got " + s.kind() + " '" + s.text() + "'");
        return Boolean.parseBoolean(s.text());
    }

    /** Shorthand: a plain map view of string→node, for iteration in file order. */
    public static Map<String, Node> entries(MapNode m) { return m.values(); }
}
