package jp.madoguchi.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may write which event types on which topic, read once from the AsyncAPI document every service serves
 * (each channel's {@code x-owner} and the {@code ce_type} constants of its messages). Consumers believe a record
 * only if its topic's owner sent it: Kafka ACLs keep strangers off a topic, this keeps one service from speaking
 * for another (defence in depth, issue 12).
 */
@ApplicationScoped
public class TopicContract {

    static final String DOCUMENT = "META-INF/resources/asyncapi/madoguchi.yaml";

    /** A channel of the contract: the producing service's CloudEvents source and the types it may publish there. */
    public record Channel(String address, String ownerSource, Set<String> types) {
    }

    private final String prefix;
    private final Map<String, Channel> byAddress;

    public TopicContract(@ConfigProperty(name = "madoguchi.kafka.topic-prefix", defaultValue = "") Optional<String> prefix) {
        this.prefix = prefix.orElse("");
        this.byAddress = read();
    }

    /** The channel of a topic as the broker names it (with this deployment's prefix); empty if the contract has none. */
    public Optional<Channel> channel(String topic) {
        if (topic == null || !topic.startsWith(prefix)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byAddress.get(topic.substring(prefix.length())));
    }

    /** Why a record on {@code topic} must not be believed, or empty if its source and type belong there. */
    public Optional<String> violation(String topic, String source, String type) {
        Optional<Channel> channel = channel(topic);
        if (channel.isEmpty()) {
            return Optional.of("topic " + topic + " is not in the event contract");
        }
        if (!channel.get().ownerSource().equals(source)) {
            return Optional.of("source " + source + " is not the owner of " + channel.get().address()
                    + " (" + channel.get().ownerSource() + ")");
        }
        if (!channel.get().types().contains(type)) {
            return Optional.of("type " + type + " does not belong on " + channel.get().address());
        }
        return Optional.empty();
    }

    static Map<String, Channel> read() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode doc;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("the event contract " + DOCUMENT + " is missing from the classpath");
            }
            doc = yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the event contract cannot be read", e);
        }
        Map<String, Channel> channels = new HashMap<>();
        doc.path("channels").forEach(channel -> {
            String owner = channel.path("x-owner").asText(null);
            if (owner == null) {
                throw new IllegalStateException("channel " + channel.path("address").asText() + " names no x-owner");
            }
            Set<String> types = new HashSet<>();
            channel.path("messages").forEach(ref -> {
                JsonNode message = resolve(doc, resolve(doc, ref).path("headers"));
                message.path("allOf").forEach(part -> {
                    JsonNode type = part.path("properties").path("ce_type").path("const");
                    if (type.isTextual()) {
                        types.add(type.asText());
                    }
                });
            });
            String address = channel.path("address").asText();
            channels.put(address, new Channel(address, "/madoguchi/" + owner, Set.copyOf(types)));
        });
        return Map.copyOf(channels);
    }

    /** Follows a local {@code $ref} ({@code #/a/b/c}); other nodes are returned as they are. */
    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? doc.at(ref.asText().substring(1)) : node;
    }
}
