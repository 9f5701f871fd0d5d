package jp.madoguchi.e2e;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Requests as an attacker or a broken client sends them, generated from the services' OpenAPI documents: for every
 * operation, path and query parameters, headers and bodies that are plausible, malformed or both, from every kind of
 * caller. Request {@code i} depends only on the seed, {@code i} and the values {@link #learn learnt} before the run,
 * so a seed repeats a run on the same data.
 */
final class RequestFuzzer {

    /** One service's document. */
    record Api(String service, String baseUrl, JsonNode document) {
    }

    record Param(String name, String in, JsonNode schema, boolean required) {
    }

    /** One operation of a document; {@code roles} are those its security requirement names (none: any caller). */
    record Operation(Api api, String method, String path, List<Param> params, JsonNode body, Set<String> roles) {
        String name() {
            return api.service() + " " + method + " " + path;
        }
    }

    /** Who calls: a demo user or service account with its token and realm roles, nobody, or a forger. */
    record Caller(String name, String authorization, Set<String> roles) {
    }

    /** A generated request, and what is odd about it (for the report). */
    record Probe(int index, Operation op, Caller caller, String method, URI uri, Map<String, String> headers,
            byte[] body, boolean chunked, boolean http2, List<String> twists) {

        HttpRequest request(Duration timeout) {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).method(method, publisher);
            headers.forEach(b::header);
            return b.build();
        }

        /** The request as text: method, URI, headers and (the start of) the body, enough to send it again. */
        String describe() {
            StringBuilder s = new StringBuilder();
            s.append("#").append(index).append(' ').append(op.name()).append(" as ").append(caller.name())
                    .append(http2 ? " over HTTP/2" : "")
                    .append(twists.isEmpty() ? "" : " " + twists).append('\n');
            s.append("  ").append(method).append(' ').append(cut(uri.toString(), 400)).append('\n');
            headers.forEach((k, v) -> s.append("  ").append(k).append(": ")
                    .append(cut(v, k.equalsIgnoreCase("Authorization") ? 60 : 200)).append('\n'));
            if (body != null) {
                s.append("  (").append(body.length).append(" bytes").append(chunked ? ", chunked" : "").append(") ")
                        .append(cut(new String(body, 0, Math.min(body.length, 600), StandardCharsets.UTF_8), 400)
                                .replace("\n", "\\n"))
                        .append('\n');
            }
            return s.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern OFFSET_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?([+-]\\d{2}:\\d{2}|Z)");
    private static final Pattern TERMS_VERSION = Pattern.compile("[a-z]+-\\d{4}-\\d{2}-\\d{2}");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    /** Text that no parameter expects: odd characters, numbers out of any range, dates no calendar has. */
    static final List<String> MALFORMED = List.of(
            "", " ", "a b", "<script>alert(1)</script>", "[0]", "{}", "%", "%00", "..", "../..", "./.", "/", "\\", "'",
            "\"", "' OR '1'='1", "${jndi:ldap://x/a}", "null", "undefined", "true", "NaN", "Infinity", "-1", "0", "-0",
            "1.5", "1e309", "0x1F", "99999999999999999999999999999", "2147483648", "-2147483649", "9223372036854775808",
            "+999999999-12-01", "-999999999-01-01", "999999999-12-31", "2026-02-30", "2026-13-01", "0000-00-00", "20260101",
            "2026-1-1", "2026-01-01T25:61:00+09:00", "2026-01-01T10:00:00+99:00", "not-a-uuid",
            "00000000-0000-0000-0000-00000000000g", "00000000-0000-0000-0000-0000000000000", "0000000000000000000000000000000",
            "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "😀", "😀😀😀😀😀😀😀😀", "加賀", "ｋａｇａ", "KAGA", "kaga ", " kaga",
            "kaga/../kabe", "kaga%2F..%2Fkabe", "\u202Eevil", "e\u0301", "\uFFFD", "\u0000", "\t", "\r\n", "a".repeat(600),
            "あ".repeat(120), "%E0%A4%A", "requested", "REQUESTED;DROP TABLE reservation", "*", "?", "#", "&", "=", "+");

    static final List<String> ACCEPT = List.of("text/html", "application/xml", "text/csv", "*/*",
            "application/problem+json", "application/json;q=abc", "garbage", "text/*;q=0.5, */*;q=0", ";;",
            "application/json, text/html;level=1;q=0.x", "image/png", "application/json;charset=bogus", "*/*;q=0",
            "application/json; q=0", "text/plain", "application/*", "", "application/json;q=1;q=2", "/", "*/json");

    static final List<String> ACCEPT_LANGUAGE = List.of("en", "ja", "en-US,en;q=0.9", "ja;q=\"abc\"",
            "en;q=abc, *;q=", "zz-ZZZZ-1234567890", ",,,", "*", "en;q=2", "x".repeat(300), "ja-JP-u-ca-japanese",
            "i-klingon", "-", "en;q=0.5;q=0.3", "fr, de;q=0.9", "en-", "en_US", "q=1", ";", "ja-Jpan-JP-x-private-aaaaaaaaaaaaa");

    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data", "multipart/form-data; boundary=x", "application/json; charset=bogus",
            "application/json; charset=utf-16", "application/json; charset=", "application/json;;", "*/*", "application/*",
            "application/octet-stream", "application/json-patch+json", "text/html", "garbage", "", "application/problem+json",
            "application/json; charset=ISO-8859-1", "text/csv", "application/JSON");

    /** Bodies that are no JSON, or JSON that no parser should take apart for long. */
    static final List<byte[]> INVALID_JSON = List.of(
            b("{"), b("}"), b("{\"a\":}"), b("{'a':1}"), b("{\"a\":1,}"), b("[1,2"), b("nul"), b("tru"),
            b("{\"a\":1}garbage"), b("\uFEFF{}"), b("{\"a\":\"\\uZZZZ\"}"), b("{\"a\":\"\u0000\"}"), b("{\"a\":NaN}"),
            b("{\"a\":Infinity}"), b("{\"a\":01}"), b("{\"a\":1e99999999}"), b("[".repeat(100_000)),
            b("{\"a\":".repeat(5_000)), b("[".repeat(1_500) + "]".repeat(1_500)), b("{\"a\":" + "9".repeat(5_000) + "}"), b("{\"a\":\"" + "\\\\".repeat(50_000) + "\"}"),
            new byte[] {0x7b, 0x22, (byte) 0xff, (byte) 0xfe, 0x22, 0x3a, 0x31, 0x7d}, new byte[] {(byte) 0xc3, 0x28},
            b("/* c */ {}"), b(""), b(" "), b("<xml/>"), b("a=b&c=d"), b("{\"a\":1,\"a\":{\"a\":[1,{}]}}"),
            b("\"" + "x".repeat(200_000)), b("{\"" + "k".repeat(100_000) + "\":1}"));

    private final List<Operation> operations;
    private final List<Caller> callers;
    private final Map<String, String> secrets;
    private final long seed;
    private final LocalDate today = LocalDate.now(ZoneOffset.ofHours(9));

    /** Values seen in answers before the run: ids that exist, so that requests reach past "not found". */
    private final Set<String> uuids = new LinkedHashSet<>();
    private final Set<String> starts = new LinkedHashSet<>();
    private final Set<String> ids = new LinkedHashSet<>(List.of("kaga", "kabe"));
    private final Set<String> seqs = new LinkedHashSet<>();
    private final Set<String> subjects = new LinkedHashSet<>();
    private List<String> uuidList;
    private List<String> startList;
    private List<String> idList;
    private List<String> seqList;
    private List<String> subjectList;
    private List<String> termsList;
    private final byte[] huge;

    /**
     * @param secrets  header parameters' real values (the webhook secret), so that some requests get past them
     * @param oversize a body length over the services' limit (quarkus.http.limits.max-body-size)
     */
    RequestFuzzer(List<Api> apis, List<Caller> callers, Map<String, String> secrets, long seed, int oversize) {
        this.operations = operations(apis);
        this.callers = List.copyOf(callers);
        this.secrets = Map.copyOf(secrets);
        this.seed = seed;
        this.huge = huge(oversize);
        callers.forEach(c -> {
            if (c.authorization() != null && !c.roles().isEmpty()) {
                subjects.add(jp.madoguchi.testing.Tokens.claim(c.authorization().substring("Bearer ".length()), "sub"));
            }
        });
        freeze();
    }

    List<Operation> operations() {
        return operations;
    }

    List<Caller> callers() {
        return callers;
    }

    /** Takes note of the ids, slot starts and sequence numbers in an answer. */
    synchronized void learn(JsonNode answer) {
        learn(null, answer);
        freeze();
    }

    private void learn(String key, JsonNode node) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> learn(e.getKey(), e.getValue()));
        } else if (node.isArray()) {
            node.forEach(n -> learn(key, n));
        } else if (node.isTextual()) {
            String text = node.asText();
            if (UUID_TEXT.matcher(text).matches()) {
                uuids.add(text);
            } else if (OFFSET_DATE_TIME.matcher(text).lookingAt() && key != null && key.toLowerCase().contains("start")) {
                starts.add(text);
            } else if (key != null && (key.equals("id") || key.endsWith("Id")) && text.length() < 80) {
                ids.add(text);
            }
        } else if (node.isIntegralNumber() && "seq".equals(key)) {
            seqs.add(node.asText());
        }
    }

    private void freeze() {
        uuidList = List.copyOf(uuids);
        startList = List.copyOf(starts);
        idList = List.copyOf(ids);
        seqList = List.copyOf(seqs);
        subjectList = List.copyOf(subjects);
        termsList = ids.stream().filter(i -> TERMS_VERSION.matcher(i).matches()).toList();
    }

    /** The operations of the documents, in a fixed order. */
    private static List<Operation> operations(List<Api> apis) {
        List<Operation> out = new ArrayList<>();
        for (Api api : apis) {
            JsonNode paths = api.document().path("paths");
            List<String> names = new ArrayList<>();
            paths.fieldNames().forEachRemaining(names::add);
            names.sort(Comparator.naturalOrder());
            for (String path : names) {
                JsonNode item = paths.get(path);
                List<String> methods = new ArrayList<>();
                item.fieldNames().forEachRemaining(methods::add);
                methods.sort(Comparator.naturalOrder());
                for (String method : methods) {
                    if (!METHODS.contains(method.toUpperCase())) {
                        continue;
                    }
                    JsonNode op = item.get(method);
                    List<Param> params = new ArrayList<>();
                    for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
                        list.forEach(p -> params.add(new Param(p.path("name").asText(), p.path("in").asText(),
                                p.path("schema"), p.path("required").asBoolean(false))));
                    }
                    JsonNode body = op.path("requestBody").path("content").path("application/json").path("schema");
                    Set<String> roles = new LinkedHashSet<>();
                    op.path("security").forEach(s -> s.fields().forEachRemaining(e -> e.getValue().forEach(r -> roles.add(r.asText()))));
                    out.add(new Operation(api, method.toUpperCase(), path, List.copyOf(params), body.isMissingNode() ? null : body,
                            Set.copyOf(roles)));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Request {@code index}: the operations take turns, every part of it drawn from the seed and the index. */
    Probe probe(int index) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + index);
        Operation op = operations.get(index % operations.size());
        List<String> twists = new ArrayList<>();
        Caller caller = caller(op, r);
        String method = op.method();
        if (r.nextInt(100) < 4) {
            method = METHODS.get(r.nextInt(METHODS.size()));
            if (!method.equals(op.method())) {
                twists.add("method " + method);
            }
        }

        // path parameters
        Matcher m = TEMPLATE.matcher(op.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Param p = param(op, name, "path");
            String value;
            if (r.nextInt(100) < 65) {
                value = plainText(p == null ? NODES.objectNode().put("type", "string") : p.schema(), name, op, r);
            } else {
                value = malformedText(r);
                twists.add("path " + name + "=" + abbreviate(value));
            }
            m.appendReplacement(path, Matcher.quoteReplacement(segment(value, r)));
        }
        m.appendTail(path);

        // query parameters
        List<String> query = new ArrayList<>();
        for (Param p : op.params()) {
            if (!p.in().equals("query") || !(p.required() || r.nextInt(100) < 70)) {
                continue;
            }
            String value;
            if (r.nextInt(100) < 60) {
                value = plainText(p.schema(), p.name(), op, r);
            } else {
                value = malformedText(r);
                twists.add("query " + p.name() + "=" + abbreviate(value));
            }
            query.add(p.name() + "=" + encode(value));
        }
        int q = r.nextInt(100);
        if (q < 5) {
            query.add("unknown=" + encode(malformedText(r)));
            twists.add("unknown query parameter");
        } else if (q < 10 && !op.params().isEmpty()) {
            Param p = op.params().get(r.nextInt(op.params().size()));
            query.add(encode(p.name()) + (r.nextBoolean() ? "" : "=") + (r.nextBoolean() ? "" : "&" + encode(p.name()) + "=" + encode(malformedText(r))));
            twists.add("query " + p.name() + " repeated or without value");
        } else if (q < 12) {
            query.add(encode(malformedText(r)) + "=" + encode(malformedText(r)));
            twists.add("query name malformed");
        }
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));

        // headers
        Map<String, String> headers = new LinkedHashMap<>();
        if (caller.authorization() != null) {
            headers.put("Authorization", caller.authorization());
        }
        int a = r.nextInt(100);
        if (a < 30) {
            headers.put("Accept", pick(ACCEPT, r));
            twists.add("Accept " + headers.get("Accept"));
        } else if (a < 60) {
            headers.put("Accept", "application/json");
        }
        int l = r.nextInt(100);
        if (l < 30) {
            headers.put("Accept-Language", pick(ACCEPT_LANGUAGE, r));
            twists.add("Accept-Language " + abbreviate(headers.get("Accept-Language")));
        } else if (l < 50) {
            headers.put("Accept-Language", r.nextBoolean() ? "en" : "ja");
        }
        for (Param p : op.params()) {
            if (p.in().equals("header") && r.nextInt(100) < 80) {
                if (r.nextInt(100) < 60) {
                    headers.put(p.name(), secrets.getOrDefault(p.name(), UUID.randomUUID().toString()));
                } else {
                    headers.put(p.name(), headerSafe(malformedText(r)));
                    twists.add("header " + p.name());
                }
            }
        }
        extraHeader(headers, twists, r);

        // body
        byte[] body = null;
        boolean chunked = false;
        int b = r.nextInt(1000);
        if (op.body() != null || b < 40) {
            JsonNode schema = op.body() != null ? op.body() : NODES.objectNode().put("type", "object");
            String contentType = "application/json";
            if (b < 3) {
                body = huge();
                twists.add("oversized body");
            } else if (b < 5) {
                body = huge();
                chunked = true;
                twists.add("oversized body, chunked");
            } else if (b < 400) {
                body = bytes(value(schema, null, op, r, 0));
            } else if (b < 650) {
                JsonNode value = value(schema, null, op, r, 0);
                body = bytes(mutate(value, r, twists));
            } else if (b < 800) {
                body = pick(INVALID_JSON, r);
                twists.add("invalid JSON");
            } else if (b < 860) {
                body = bytes(List.<JsonNode>of(NODES.arrayNode(), NODES.textNode("x"), NODES.numberNode(42), NODES.nullNode(),
                        NODES.booleanNode(true), NODES.objectNode()).get(r.nextInt(6)));
                twists.add("body of the wrong type: " + new String(body, StandardCharsets.UTF_8));
            } else if (b < 950) {
                body = bytes(value(schema, null, op, r, 0));
                contentType = r.nextInt(8) == 0 ? null : pick(CONTENT_TYPES, r);
                twists.add("Content-Type " + contentType);
            } else {
                body = r.nextBoolean() ? new byte[0] : null;
                twists.add(body == null ? "no body" : "empty body");
            }
            if (body != null && contentType != null) {
                headers.put("Content-Type", contentType);
            }
            if (op.body() == null && body != null) {
                twists.add("a body where none is expected");
            }
        }
        if ((method.equals("GET") || method.equals("HEAD")) && body != null && r.nextBoolean()) {
            body = null;
        }
        // a fifth over HTTP/2 (h2c), as Java's and curl's clients may speak it; not a body of undeclared length over
        // the limit: Quarkus's reader refuses that on HTTP/2 before anything else can (an empty 413, the stream reset)
        boolean http2 = r.nextInt(5) == 0 && !chunked;
        return new Probe(index, op, caller, method, URI.create(op.api().baseUrl() + target), headers, body, chunked,
                http2, List.copyOf(twists));
    }

    /** A request with nothing odd about it, every parameter plausible: to learn from before the run. */
    Probe plain(Operation op, Caller caller, int index) {
        Random r = new Random(seed + index);
        Matcher m = TEMPLATE.matcher(op.path());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            Param p = param(op, m.group(1), "path");
            String value = plainText(p == null ? NODES.objectNode().put("type", "string") : p.schema(), m.group(1), op, r);
            m.appendReplacement(path, Matcher.quoteReplacement(encode(value)));
        }
        m.appendTail(path);
        List<String> query = new ArrayList<>();
        for (Param p : op.params()) {
            if (p.in().equals("query") && (p.required() || p.schema().path("format").asText().equals("date")
                    || resolve(op, p.schema()).path("format").asText().equals("date"))) {
                query.add(p.name() + "=" + encode(plainText(p.schema(), p.name(), op, r)));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (caller.authorization() != null) {
            headers.put("Authorization", caller.authorization());
        }
        headers.put("Accept", "application/json");
        return new Probe(index, op, caller, op.method(),
                URI.create(op.api().baseUrl() + path + (query.isEmpty() ? "" : "?" + String.join("&", query))), headers,
                null, false, false, List.of());
    }

    /** Mostly someone the operation is meant for, else anyone: another role, nobody, a forger. */
    private Caller caller(Operation op, Random r) {
        if (r.nextInt(100) < 60) {
            List<Caller> entitled = callers.stream().filter(c -> op.roles().isEmpty() ? !c.roles().isEmpty()
                    : c.roles().stream().anyMatch(op.roles()::contains)).toList();
            if (!entitled.isEmpty()) {
                return pick(entitled, r);
            }
        }
        return pick(callers, r);
    }

    private static Param param(Operation op, String name, String in) {
        return op.params().stream().filter(p -> p.name().equals(name) && p.in().equals(in)).findFirst().orElse(null);
    }

    private JsonNode resolve(Operation op, JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.get("$ref").asText();
            JsonNode target = op.api().document().at(ref.substring(1));
            if (target.isMissingNode()) {
                return NODES.objectNode();
            }
            schema = target;
        }
        return schema;
    }

    /** A plausible value for a parameter, as text. */
    private String plainText(JsonNode schema, String name, Operation op, Random r) {
        JsonNode v = value(schema, name, op, r, 0);
        return v.isTextual() ? v.asText() : v.toString();
    }

    /** A value that fits the schema, from what was seen where it can be: an id that exists, a slot that is free. */
    private JsonNode value(JsonNode schema, String name, Operation op, Random r, int depth) {
        schema = resolve(op, schema);
        String key = name == null ? "" : name;
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(r.nextInt(values.size()));
        }
        String type = schema.path("type").asText("");
        String format = schema.path("format").asText("");
        if (type.isEmpty() && schema.has("properties")) {
            type = "object";
        }
        switch (type) {
            case "object": {
                ObjectNode o = NODES.objectNode();
                if (depth > 4) {
                    return o;
                }
                Set<String> required = new LinkedHashSet<>();
                schema.path("required").forEach(n -> required.add(n.asText()));
                schema.path("properties").fields().forEachRemaining(e -> {
                    if (required.contains(e.getKey()) || r.nextInt(100) < 50) {
                        o.set(e.getKey(), value(e.getValue(), e.getKey(), op, r, depth + 1));
                    }
                });
                return o;
            }
            case "array": {
                ArrayNode arr = NODES.arrayNode();
                int min = schema.path("minItems").asInt(0);
                int max = Math.min(schema.path("maxItems").asInt(3), 3);
                int n = min + (max > min ? r.nextInt(max - min + 1) : 0);
                for (int i = 0; i < n; i++) {
                    arr.add(value(schema.path("items"), key, op, r, depth + 1));
                }
                if (schema.path("uniqueItems").asBoolean(false)) {
                    Set<JsonNode> unique = new LinkedHashSet<>();
                    arr.forEach(unique::add);
                    arr.removeAll();
                    unique.forEach(arr::add);
                }
                return arr;
            }
            case "integer": {
                if (key.equals("seq") && !seqList.isEmpty() && r.nextBoolean()) {
                    return NODES.numberNode(Long.parseLong(pick(seqList, r)));
                }
                long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
                long max = schema.has("maximum") ? schema.get("maximum").asLong() : Math.max(min, 3) + 20;
                return NODES.numberNode(min + (long) (r.nextDouble() * (max - min + 1)));
            }
            case "number":
                return NODES.numberNode(r.nextInt(100) / 4.0);
            case "boolean":
                return NODES.booleanNode(r.nextBoolean());
            default:
                return NODES.textNode(text(schema, key, format, r));
        }
    }

    private String text(JsonNode schema, String key, String format, Random r) {
        switch (format) {
            case "uuid":
                return !uuidList.isEmpty() && r.nextInt(100) < 80 ? pick(uuidList, r) : UUID.randomUUID().toString();
            case "date":
                return today.plusDays(r.nextInt(90) - 20).toString();
            case "date-time":
                return !startList.isEmpty() && r.nextInt(100) < 70 ? pick(startList, r)
                        : today.plusDays(r.nextInt(40)).atTime(9 + r.nextInt(8), r.nextBoolean() ? 0 : 30).atOffset(ZoneOffset.ofHours(9)).toString();
            case "local-time":
                return String.format("%02d:%s", 9 + r.nextInt(8), r.nextBoolean() ? "00" : "30");
            default:
                break;
        }
        String k = key.toLowerCase();
        if (k.equals("officeid")) {
            return r.nextInt(10) == 0 ? pick(idList, r) : r.nextBoolean() ? "kaga" : "kabe";
        }
        if ((k.equals("versionid") || k.equals("from") || k.equals("to") || k.equals("termsversionid")) && !termsList.isEmpty()) {
            return pick(termsList, r);
        }
        if (k.equals("userid") || k.equals("counselorid")) {
            return pick(subjectList, r);
        }
        if (k.equals("email")) {
            return "fuzz-" + r.nextInt(1_000_000) + "@example.jp";
        }
        if (k.equals("token")) {
            byte[] t = new byte[24];
            r.nextBytes(t);
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(t);
        }
        if (k.equals("status")) {
            return pick(List.of("PARKED", "REPLAYED", "DISCARDED", "ALL", "parked"), r);
        }
        if (k.equals("state")) {
            return pick(List.of("OPEN", "FAILED", "PENDING", "DONE", "failed"), r);
        }
        if (k.equals("id") && schema.has("pattern") && schema.get("pattern").asText().startsWith("[a-z0-9-]")) {
            return "fuzz-" + today.plusYears(1).plusDays(r.nextInt(300));
        }
        JsonNode examples = schema.path("examples");
        if (examples.isArray() && !examples.isEmpty() && r.nextInt(100) < 70) {
            return examples.get(r.nextInt(examples.size())).asText();
        }
        if (k.endsWith("id") && !idList.isEmpty()) {
            return pick(idList, r);
        }
        return pick(List.of("テスト", "test", "加賀 太郎", "電話でお願いします", "x"), r);
    }

    /** The value with one thing wrong: a field of the wrong type, out of range, missing, or one too many. */
    private JsonNode mutate(JsonNode value, Random r, List<String> twists) {
        JsonNode copy = value.deepCopy();
        List<String> pointers = new ArrayList<>();
        pointers(copy, "", pointers);
        String at = pointers.isEmpty() ? "" : pick(pointers, r);
        JsonNode wrong = wrongValue(r);
        int how = r.nextInt(10);
        if (at.isEmpty()) {
            twists.add("body replaced by " + abbreviate(wrong.toString()));
            return how < 5 ? wrong : NODES.objectNode().set("unexpected", wrong);
        }
        String parentPointer = at.substring(0, at.lastIndexOf('/'));
        String last = at.substring(at.lastIndexOf('/') + 1);
        JsonNode parent = parentPointer.isEmpty() ? copy : copy.at(parentPointer);
        if (parent.isObject()) {
            ObjectNode o = (ObjectNode) parent;
            if (how < 2) {
                o.remove(last);
                twists.add("body without " + at);
            } else if (how < 3) {
                o.set("unexpected" + r.nextInt(10), wrong);
                twists.add("body with an unknown field");
            } else {
                o.set(last, wrong);
                twists.add("body " + at + "=" + abbreviate(wrong.toString()));
            }
        } else if (parent.isArray()) {
            ArrayNode arr = (ArrayNode) parent;
            int i = Integer.parseInt(last);
            if (how < 2) {
                for (int k = 0; k < 300; k++) {
                    arr.add(arr.get(i));
                }
                twists.add("body " + parentPointer + " with 300 more items");
            } else {
                arr.set(i, wrong);
                twists.add("body " + at + "=" + abbreviate(wrong.toString()));
            }
        }
        return copy;
    }

    private static void pointers(JsonNode node, String at, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                String p = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                out.add(p);
                pointers(e.getValue(), p, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = at + "/" + i;
                out.add(p);
                pointers(node.get(i), p, out);
            }
        }
    }

    private static JsonNode wrongValue(Random r) {
        switch (r.nextInt(22)) {
            case 0: return NODES.textNode("x");
            case 1: return NODES.textNode("あ".repeat(100_000));
            case 2: return NODES.numberNode(-1);
            case 3: return NODES.numberNode(Long.MAX_VALUE);
            case 4: return NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(40)));
            case 5: return NODES.numberNode(1e308);
            case 6: return NODES.booleanNode(true);
            case 7: return NODES.nullNode();
            case 8: return NODES.objectNode();
            case 9: return NODES.arrayNode();
            case 10: return NODES.textNode("");
            case 11: return NODES.textNode(" ");
            case 12: return NODES.textNode("+999999999-12-01");
            case 13: return NODES.textNode("2026-02-30T10:00:00+09:00");
            case 14: return NODES.textNode("25:61");
            case 15: return NODES.textNode("not-a-uuid");
            case 16: return NODES.textNode("<script>alert(1)</script>");
            case 17: return NODES.textNode("😀\u0000\u202E");
            case 18: return NODES.numberNode(-2147483649L);
            case 19: return NODES.textNode("+999999999-12-31T23:59:59.999999999-18:00");
            case 20: {
                ArrayNode deep = NODES.arrayNode();
                ArrayNode cur = deep;
                for (int i = 0; i < 900; i++) {
                    cur = cur.addArray();
                }
                return deep;
            }
            default: return NODES.numberNode(0.5);
        }
    }

    private String malformedText(Random r) {
        return pick(MALFORMED, r);
    }

    private static void extraHeader(Map<String, String> headers, List<String> twists, Random r) {
        int e = r.nextInt(100);
        if (e >= 15) {
            return;
        }
        String[][] extras = {
            {"traceparent", "00-xyz"}, {"traceparent", "ff-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01"},
            {"traceparent", "00-" + "a".repeat(32) + "-" + "b".repeat(16) + "-zz"}, {"tracestate", "=,=,=" + ",a=b".repeat(100)},
            {"Content-Encoding", "gzip"}, {"Content-Encoding", "br, garbage"}, {"If-Modified-Since", "yesterday"},
            {"If-None-Match", "*"}, {"Range", "bytes=abc"}, {"Cookie", "q=%%%; a"}, {"X-Forwarded-For", "<script>"},
            {"X-Forwarded-Proto", "gopher"}, {"X-Forwarded-Host", "evil.example"}, {"Forwarded", "for=\"[::1"},
            {"Origin", "http://evil.example"}, {"X-HTTP-Method-Override", "DELETE"}, {"Accept-Charset", "bogus"},
            {"Accept-Encoding", "gzip;q=abc"}, {"Authorization", "Bearer " + "x".repeat(3000)},
        };
        String[] pair = extras[r.nextInt(extras.length)];
        headers.put(pair[0], pair[1]);
        twists.add(pair[0] + ": " + abbreviate(pair[1]));
    }

    /** Percent-encodes all but unreserved characters; now and then leaves the URI-legal ones as they are. */
    private static String segment(String value, Random r) {
        if (r.nextInt(10) == 0 && value.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@".indexOf(c) >= 0))) {
            return value;
        }
        return encode(value);
    }

    static String encode(String value) {
        StringBuilder s = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                s.append((char) c);
            } else {
                s.append('%').append(String.format("%02X", c));
            }
        }
        return s.toString();
    }

    /** What an HTTP client lets through in a header: Latin-1 without control characters. */
    private static String headerSafe(String value) {
        StringBuilder s = new StringBuilder();
        value.chars().forEach(c -> s.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return s.toString();
    }

    private byte[] huge() {
        return huge;
    }

    /** A JSON object of {@code length} bytes, one long string in it. */
    private static byte[] huge(int length) {
        byte[] h = new byte[length];
        Arrays.fill(h, (byte) 'a');
        byte[] start = b("{\"name\":\"");
        System.arraycopy(start, 0, h, 0, start.length);
        h[h.length - 2] = '"';
        h[h.length - 1] = '}';
        return h;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    static String cut(String s, int length) {
        return s.length() > length ? s.substring(0, length) + "…(" + s.length() + ")" : s;
    }

    static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "…(" + s.length() + ")" : oneLine;
    }
}
