package jp.madoguchi.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The event contract as a test sees it: every CloudEvent on a Madoguchi topic must be a message of the AsyncAPI
 * document that the services serve (platform: META-INF/resources/asyncapi/madoguchi.yaml). A record is looked up
 * by its topic and {@code ce_type}; its ce_* headers, its key and its JSON payload are validated against the
 * message's schemas. {@link EventLog} checks every event a test reads or publishes, so each service test that looks
 * at events also enforces the contract.
 */
public final class EventContract {

    /** Where the document sits on the classpath of every service (it comes with the platform jar). */
    public static final String DOCUMENT = "META-INF/resources/asyncapi/madoguchi.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    // AsyncAPI 3.0 schemas are a superset of JSON Schema draft 07
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static volatile EventContract shared;

    /** One message of the document, its schemas with every local $ref resolved. */
    public record Message(String type, String name, String channel, String address, Schema headers, Schema key,
            String keyProperty, Schema payload) {
    }

    /** Messages by ce_type. */
    private final Map<String, Message> messages;

    private EventContract(Map<String, Message> messages) {
        this.messages = messages;
    }

    /** The document of the classpath, read once. */
    public static EventContract get() {
        EventContract c = shared;
        if (c == null) {
            synchronized (EventContract.class) {
                if (shared == null) {
                    ClassLoader cl = EventContract.class.getClassLoader();
                    try (InputStream in = cl.getResourceAsStream(DOCUMENT)) {
                        if (in == null) {
                            throw new IllegalStateException(DOCUMENT + " is not on the classpath (it comes with madoguchi-platform)");
                        }
                        shared = load(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                c = shared;
            }
        }
        return c;
    }

    /** Reads an AsyncAPI 3.0 document. */
    public static EventContract load(InputStream yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        if (!root.path("asyncapi").asText().startsWith("3.")) {
            throw new IllegalArgumentException("not an AsyncAPI 3 document");
        }
        Map<String, Message> byType = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> channels = root.path("channels").fields(); channels.hasNext();) {
            Map.Entry<String, JsonNode> channel = channels.next();
            String address = channel.getValue().path("address").asText(null);
            for (Iterator<Map.Entry<String, JsonNode>> ms = channel.getValue().path("messages").fields(); ms.hasNext();) {
                Map.Entry<String, JsonNode> entry = ms.next();
                JsonNode message = withTraits(resolve(entry.getValue(), root), root);
                JsonNode headers = message.path("headers");
                String type = constOf(headers, "ce_type");
                if (type == null) {
                    throw new IllegalArgumentException("message " + entry.getKey() + " has no ce_type const in its headers");
                }
                JsonNode keyBinding = message.path("bindings").path("kafka").path("key");
                if (keyBinding.isMissingNode()) {
                    throw new IllegalArgumentException("message " + entry.getKey() + " has no Kafka key schema");
                }
                Message previous = byType.put(type, new Message(type, message.path("name").asText(entry.getKey()),
                        channel.getKey(), address, SCHEMAS.getSchema(headers), SCHEMAS.getSchema(keyBinding),
                        message.path("x-key-property").asText(null), SCHEMAS.getSchema(message.path("payload"))));
                if (previous != null && !previous.channel().equals(channel.getKey())) {
                    throw new IllegalArgumentException(type + " is on two channels: " + previous.channel() + ", " + channel.getKey());
                }
            }
        }
        return new EventContract(Map.copyOf(byType));
    }

    /** Every ce_type the document describes. */
    public Set<String> types() {
        return messages.keySet();
    }

    public Message message(String type) {
        return messages.get(type);
    }

    /**
     * What is wrong with a record as it is on Kafka; empty when it conforms.
     *
     * @param topic   the topic it is on; a prefix in front of the document's address is allowed (test runs use one)
     * @param headers the record's headers, last value of each, as text
     */
    public List<String> violations(String topic, String key, Map<String, String> headers, String payload) {
        List<String> problems = new ArrayList<>();
        String type = headers.get("ce_type");
        Message message = type == null ? null : messages.get(type);
        if (message == null) {
            problems.add(type == null ? "no ce_type header: not a CloudEvent in binary mode"
                    : "unknown ce_type " + type + ": the AsyncAPI document has no such message");
            return problems;
        }
        if (topic == null || !topic.endsWith(message.address())) {
            problems.add(type + " belongs on topic " + message.address() + ", not on " + topic);
        }
        ObjectNode headerNode = JSON.createObjectNode();
        headers.forEach(headerNode::put);
        message.headers().validate(headerNode, formats()).forEach(e -> problems.add("header " + describe(e)));

        if (key == null) {
            problems.add("no record key: " + type + " is keyed so that one aggregate's events stay in order");
        } else {
            message.key().validate(JSON.getNodeFactory().textNode(key), formats()).forEach(e -> problems.add("key " + describe(e)));
            if (!key.equals(headers.get("ce_subject"))) {
                problems.add("key " + key + " differs from ce_subject " + headers.get("ce_subject"));
            }
        }

        JsonNode data;
        try {
            data = payload == null ? null : JSON.readTree(payload);
        } catch (IOException e) {
            problems.add("payload is not JSON: " + e.getMessage());
            return problems;
        }
        if (data == null) {
            problems.add("no payload");
            return problems;
        }
        message.payload().validate(data, formats()).forEach(e -> problems.add("payload " + describe(e)));
        if (key != null && message.keyProperty() != null && data.hasNonNull(message.keyProperty())
                && !key.equals(data.get(message.keyProperty()).asText())) {
            problems.add("key " + key + " differs from payload " + message.keyProperty() + " " + data.get(message.keyProperty()).asText());
        }
        return problems;
    }

    /** Fails with every violation when the record does not conform. */
    public void check(String topic, String key, Map<String, String> headers, String payload) {
        List<String> problems = violations(topic, key, headers, payload);
        if (!problems.isEmpty()) {
            throw new AssertionError("event breaks the contract (" + DOCUMENT + "): " + headers.get("ce_type") + " on "
                    + topic + " key " + key + "\n  - " + String.join("\n  - ", problems) + "\n  payload: " + payload);
        }
    }

    private static java.util.function.Consumer<com.networknt.schema.ExecutionContext> formats() {
        // date-time, uuid and date are part of the contract: assert them, not just annotate
        return ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true));
    }

    private static String describe(Error e) {
        return e.getInstanceLocation() + ": " + e.getMessage();
    }

    private static String constOf(JsonNode schema, String property) {
        JsonNode c = schema.path("properties").path(property).path("const");
        if (c.isTextual()) {
            return c.asText();
        }
        for (JsonNode part : schema.path("allOf")) {
            String found = constOf(part, property);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Applies message traits: a trait's fields fill in what the message itself does not say. */
    private static JsonNode withTraits(JsonNode message, JsonNode root) {
        ObjectNode merged = message.deepCopy();
        for (JsonNode trait : message.path("traits")) {
            JsonNode t = resolve(trait, root);
            t.fields().forEachRemaining(f -> {
                if (!merged.has(f.getKey())) {
                    merged.set(f.getKey(), f.getValue());
                }
            });
        }
        merged.remove("traits");
        return merged;
    }

    /** Inlines every local {@code $ref} (the document has no cycles); keywords beside a $ref are kept. */
    private static JsonNode resolve(JsonNode node, JsonNode root) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            ObjectNode out = JSON.createObjectNode();
            if (ref != null && ref.isTextual()) {
                String pointer = ref.asText();
                if (!pointer.startsWith("#/")) {
                    throw new IllegalArgumentException("only local references are supported: " + pointer);
                }
                JsonNode target = root.at(pointer.substring(1));
                if (target.isMissingNode()) {
                    throw new IllegalArgumentException("dangling reference " + pointer);
                }
                out.setAll((ObjectNode) resolve(target, root));
            }
            node.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("$ref")) {
                    out.set(f.getKey(), resolve(f.getValue(), root));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(n -> out.add(resolve(n, root)));
            return out;
        }
        return node;
    }
}
