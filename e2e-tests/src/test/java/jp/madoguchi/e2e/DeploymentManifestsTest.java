package jp.madoguchi.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import jp.madoguchi.devstack.KafkaAccess;
import jp.madoguchi.devstack.StackSecrets;
import jp.madoguchi.devstack.Topics;
import jp.madoguchi.platform.secrets.SecretRules;

/**
 * The deployment files checked offline, without a container engine or a cluster: docker-compose.yml as
 * docker-compose reads it, deploy/k8s as kustomize renders it (validated against the Kubernetes schemas by
 * deploy/validate), and the Dockerfiles. Beyond syntax, what an operator relies on: probes on the health
 * endpoints, resources, non-root, disruption budgets, services that wait for healthy infrastructure, the
 * realm the tests use, and no setting whose name the services would silently ignore.
 *
 * <p>Needs docker-compose (v1), kubectl, node and npm; .ci/run installs what is missing.
 */
class DeploymentManifestsTest {

    /** Service name to HTTP port, as in each application.properties. */
    private static final Map<String, Integer> SERVICES = new LinkedHashMap<>();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Environment variable names that carry a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|PEPPER|API_KEY");

    private static Path root;
    /** Secrets for compose's ${VAR:?...} placeholders, fresh from deploy/generate-secrets.sh. */
    private static Path envFile;
    private static Properties generated;
    private static JsonNode compose;
    private static List<JsonNode> k8s;

    @BeforeAll
    static void render() throws Exception {
        root = projectRoot();
        for (String service : List.of("reservation-service", "consent-service", "meeting-service", "notification-service")) {
            SERVICES.put(service, Integer.parseInt(serviceProperties(service).getProperty("quarkus.http.port")));
        }
        envFile = root.resolve("e2e-tests/target/compose-test.env");
        Files.createDirectories(envFile.getParent());
        Result secrets = run(List.of("bash", "deploy/generate-secrets.sh", "--force", envFile.toString()), root);
        assertEquals(0, secrets.exit, () -> "deploy/generate-secrets.sh failed:\n" + secrets.out + secrets.err);
        generated = new Properties();
        generated.load(new StringReader(Files.readString(envFile)));
        Result config = run(List.of("docker-compose", "--env-file", envFile.toString(), "-f", "docker-compose.yml", "config"), root);
        assertEquals(0, config.exit, () -> "docker-compose config failed:\n" + config.err);
        compose = YAML.readTree(config.out);
        Result kustomize = run(List.of("kubectl", "kustomize", "deploy/k8s"), root);
        assertEquals(0, kustomize.exit, () -> "kubectl kustomize deploy/k8s failed:\n" + kustomize.err);
        k8s = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).readValues(new StringReader(kustomize.out))) {
            while (docs.hasNext()) {
                JsonNode doc = (JsonNode) docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    k8s.add(doc);
                }
            }
        }
        Files.writeString(root.resolve("e2e-tests/target/k8s-rendered.yaml"), kustomize.out);
    }

    // ---- docker-compose.yml ----

    @Test
    void composeFileIsValid() throws Exception {
        Result r = run(List.of("docker-compose", "--env-file", envFile.toString(), "-f", "docker-compose.yml", "config", "-q"), root);
        assertEquals(0, r.exit, () -> "docker-compose -f docker-compose.yml config -q:\n" + r.out + r.err);
    }

    @Test
    void composeRefusesToRunWithoutGeneratedSecrets() throws Exception {
        Path empty = root.resolve("e2e-tests/target/compose-empty.env");
        Files.writeString(empty, "");
        Result r = run(List.of("docker-compose", "--env-file", empty.toString(), "-f", "docker-compose.yml", "config", "-q"), root);
        assertNotEquals(0, r.exit, "compose must not run without its secrets");
        assertTrue(r.err.contains("deploy/generate-secrets.sh"), () -> "the message must say what to run:\n" + r.err);
    }

    @Test
    void composeHasNoLiteralSecret() throws IOException {
        JsonNode raw = YAML.readTree(root.resolve("docker-compose.yml").toFile());
        List<Executable> checks = new ArrayList<>();
        raw.path("services").fields().forEachRemaining(service -> service.getValue().path("environment").fields()
                .forEachRemaining(env -> {
                    if (SECRET_NAME.matcher(env.getKey()).find()) {
                        checks.add(() -> assertTrue(env.getValue().asText().matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}"),
                                service.getKey() + ": " + env.getKey() + " must be ${VAR:?message}, without a usable default: "
                                        + env.getValue().asText()));
                    }
                }));
        assertFalse(checks.isEmpty(), "compose passes secrets");
        assertAll(checks);
    }

    @Test
    void generatedSecretsAreLongAndAllDifferent() {
        List<Executable> checks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : generated.stringPropertyNames()) {
            String value = generated.getProperty(name);
            checks.add(() -> assertTrue(value.length() >= 32, name + " is short: " + value.length()));
            checks.add(() -> assertTrue(seen.add(value), name + " repeats another secret (peppers differ per service)"));
            checks.add(() -> assertTrue(SecretRules.problems(List.of(new SecretRules.Setting(name, value, true)), Set.of())
                    .isEmpty(), name + " would be refused by the services' secret guard"));
        }
        assertAll(checks);
    }

    @Test
    void composeGivesEveryServiceTheSecretsItsGuardAsksFor() throws IOException {
        List<Executable> checks = new ArrayList<>();
        for (String service : SERVICES.keySet()) {
            JsonNode env = compose.path("services").path(service).path("environment");
            for (String key : guardedSettings(service)) {
                checks.add(() -> assertFalse(env.path(key).asText().isBlank(), service + " gets no " + key + " in compose"));
            }
        }
        assertAll(checks);
    }

    @Test
    void composeImagesArePinned() {
        List<Executable> checks = new ArrayList<>();
        compose.path("services").fields().forEachRemaining(e -> {
            String image = e.getValue().path("image").asText("");
            checks.add(() -> assertTrue(image.matches("[^:]+(:[^:/]+)") && !image.endsWith(":latest"),
                    e.getKey() + " runs an unpinned image: '" + image + "'"));
        });
        assertAll(checks);
    }

    @Test
    void composeInfrastructureHasHealthchecksAndServicesWaitForIt() {
        JsonNode services = compose.path("services");
        List<Executable> checks = new ArrayList<>();
        for (String infra : List.of("postgres", "kafka", "keycloak", "maildev")) {
            checks.add(() -> assertTrue(services.path(infra).path("healthcheck").path("test").size() > 0,
                    infra + " has no healthcheck, so nobody can wait for it to be healthy"));
        }
        for (String service : SERVICES.keySet()) {
            JsonNode dependsOn = services.path(service).path("depends_on");
            for (String infra : List.of("postgres", "kafka", "keycloak")) {
                checks.add(() -> assertEquals("service_healthy", dependsOn.path(infra).path("condition").asText(),
                        service + " must wait for " + infra + " to be healthy"));
            }
            checks.add(() -> assertEquals("service_completed_successfully",
                    dependsOn.path("kafka-topics").path("condition").asText(),
                    service + " must wait until the topics exist"));
            checks.add(() -> assertEquals(root.resolve(service).toString(),
                    services.path(service).path("build").path("context").asText(), service + " build context"));
            checks.add(() -> assertEquals("src/main/docker/Dockerfile.jvm",
                    services.path(service).path("build").path("dockerfile").asText(), service + " Dockerfile"));
            checks.add(() -> assertTrue(services.path(service).path("ports").toString()
                    .contains("\"target\":" + SERVICES.get(service)), service + " must publish its port " + SERVICES.get(service)));
        }
        checks.add(() -> assertEquals("service_healthy", services.path("notification-service").path("depends_on")
                .path("maildev").path("condition").asText(), "notification-service must wait for the SMTP server"));
        assertAll(checks);
    }

    @Test
    void composeCreatesTheTopicsOfTheDevStack() {
        String command = compose.path("services").path("kafka-topics").path("command").toString();
        List<Executable> checks = new ArrayList<>();
        for (String topic : Topics.ALL) {
            checks.add(() -> assertTrue(command.contains(topic), "kafka-topics does not create " + topic));
        }
        checks.add(() -> assertTrue(command.contains("--partitions 3"), "topics need 3 partitions: " + command));
        assertAll(checks);
    }

    /** The init container grants exactly what the dev stack grants, so compose runs with the ACLs the tests run with. */
    @Test
    void composeGrantsTheKafkaAclsOfTheDevStack() {
        JsonNode services = compose.path("services");
        String command = services.path("kafka-topics").path("command").path(0).asText();
        Set<String> granted = new java.util.TreeSet<>();
        Matcher line = Pattern.compile("(?m)^grant (\\S+) (\\S+) (.+)$").matcher(command);
        while (line.find()) {
            for (String op : line.group(2).split(",")) {
                Matcher resource = Pattern.compile("--(topic|group|cluster)(?: (\\S+))?").matcher(line.group(3));
                while (resource.find()) {
                    String name = resource.group(1).equals("cluster") ? "kafka-cluster" : resource.group(2);
                    granted.add("User:" + line.group(1) + " " + op.toUpperCase().replace("IDEMPOTENTWRITE", "IDEMPOTENT_WRITE")
                            + " " + resource.group(1).toUpperCase() + " " + name);
                }
            }
        }
        Set<String> expected = KafkaAccess.bindings("").stream()
                .map(b -> b.entry().principal() + " " + b.entry().operation() + " " + b.pattern().resourceType() + " "
                        + b.pattern().name())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(expected, granted, "kafka-topics must grant the ACLs of devstack's KafkaAccess"));
        checks.add(() -> assertTrue(services.path("kafka").path("environment").path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")
                .asText().equals("false"), "the broker must deny what no ACL allows"));
        for (String service : SERVICES.keySet()) {
            checks.add(() -> assertFalse(services.path(service).path("environment").path("MADOGUCHI_KAFKA_PASSWORD").asText()
                    .isBlank(), service + " gets no Kafka password"));
            checks.add(() -> assertTrue(command.contains("user " + service + " "), "kafka-topics creates no SCRAM user " + service));
        }
        assertAll(checks);
    }

    /** The ACLs follow the code: each service reads the topics of its incoming channels and writes those of its outbox. */
    @Test
    void theKafkaAclsMatchWhatEachServiceReadsAndWrites() throws IOException {
        Pattern topicRef = Pattern.compile("\\$\\{madoguchi\\.topics\\.([a-z]+)}");
        Set<String> owned = new java.util.TreeSet<>();
        List<Executable> checks = new ArrayList<>();
        for (String service : SERVICES.keySet()) {
            Properties p = serviceProperties(service);
            Set<String> reads = new java.util.TreeSet<>();
            for (String key : p.stringPropertyNames()) {
                Matcher m = topicRef.matcher(p.getProperty(key));
                if (!m.matches()) {
                    continue;
                }
                String topic = "madoguchi." + m.group(1);
                if (key.startsWith("mp.messaging.incoming.")) {
                    reads.add(topic);
                } else {
                    owned.add(topic);
                    checks.add(() -> assertEquals(service, KafkaAccess.OWNERS.get(topic), service + " writes " + topic + " (" + key + ")"));
                }
            }
            checks.add(() -> assertEquals(new java.util.TreeSet<>(KafkaAccess.CONSUMES.get(service)), reads,
                    service + ": the topics it may read are not those it consumes"));
        }
        checks.add(() -> assertEquals(KafkaAccess.OWNERS.keySet(), owned, "a topic has an owner that does not write it"));
        assertAll(checks);
    }

    @Test
    void composeKeycloakImportsTheRealmTheTestsUse() throws IOException {
        JsonNode keycloak = compose.path("services").path("keycloak");
        String pomVersion = match(Files.readString(root.resolve("pom.xml")), "<keycloak.version>([^<]+)</keycloak.version>");
        Path realm = root.resolve("deploy/keycloak/hellowork-realm.json");
        JsonNode clients = JSON.readTree(realm.toFile()).path("clients");
        JsonNode keycloakEnv = keycloak.path("environment");
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals("quay.io/keycloak/keycloak:" + pomVersion, keycloak.path("image").asText(),
                "compose must run the Keycloak version the tests run"));
        checks.add(() -> assertTrue(keycloak.path("command").toString().contains("--import-realm"), "Keycloak must import the realm"));
        checks.add(() -> assertTrue(volumes(keycloak).stream().anyMatch(v -> v.path("source").asText().equals(realm.toString())
                && v.path("target").asText().startsWith("/opt/keycloak/data/import/")),
                "Keycloak must mount deploy/keycloak/hellowork-realm.json into /opt/keycloak/data/import/: " + keycloak.path("volumes")));
        checks.add(() -> assertFalse(keycloak.path("environment").path("KC_HOSTNAME").asText().isBlank(),
                "KC_HOSTNAME fixes the tokens' issuer for browser and services alike"));
        for (String service : SERVICES.keySet()) {
            JsonNode env = compose.path("services").path(service).path("environment");
            // the realm names the variable (${RESERVATION_CLIENT_SECRET}) Keycloak resolves at import
            String placeholder = StreamSupport.stream(clients.spliterator(), false)
                    .filter(c -> c.path("clientId").asText().equals(service)).map(c -> c.path("secret").asText())
                    .findFirst().orElse("(no client " + service + " in the realm)");
            String variable = placeholder.replaceAll("^\\$\\{([A-Z0-9_]+)}$", "$1");
            checks.add(() -> assertEquals(StackSecrets.clientSecretVariable(service), variable,
                    service + ": the realm's client secret must be a placeholder, not " + placeholder));
            checks.add(() -> assertEquals(generated.getProperty(variable), keycloakEnv.path(variable).asText(),
                    "Keycloak must get " + variable));
            checks.add(() -> assertEquals(keycloakEnv.path(variable).asText(), env.path("QUARKUS_OIDC_CREDENTIALS_SECRET").asText(),
                    service + " must use the secret Keycloak puts into its client"));
            checks.add(() -> assertTrue(env.path("MADOGUCHI_OIDC_URL").asText().startsWith("http://keycloak:"),
                    service + " must reach Keycloak on the compose network"));
        }
        assertAll(checks);
    }

    @Test
    void composeSettingsAreOnesTheServicesRead() throws IOException {
        List<Executable> checks = new ArrayList<>();
        for (String service : SERVICES.keySet()) {
            Set<String> known = knownSettings(service);
            compose.path("services").path(service).path("environment").fieldNames().forEachRemaining(key -> {
                if (key.startsWith("MADOGUCHI_")) {
                    checks.add(() -> assertTrue(known.contains(key), service + " reads no setting named " + key));
                }
            });
        }
        assertAll(checks);
    }

    /** The TeleOffice simulator runs in compose, as its own container that meeting-service reaches by name. */
    @Test
    void composeRunsTheTeleOfficeSimulatorForTheMeetingService() throws IOException {
        JsonNode simulator = compose.path("services").path("teleoffice-simulator");
        JsonNode meeting = compose.path("services").path("meeting-service").path("environment");
        String dockerfile = Files.readString(root.resolve("teleoffice-simulator/src/main/docker/Dockerfile.jvm"));
        assertAll(
                () -> assertEquals(root.resolve("teleoffice-simulator").toString(), simulator.path("build").path("context").asText()),
                () -> assertTrue(simulator.path("ports").toString().contains("\"target\":8085"), "simulator port"),
                () -> assertTrue(dockerfile.contains("/dev/tcp/127.0.0.1/8085 "), "simulator HEALTHCHECK on its port"),
                () -> assertTrue(dockerfile.matches("(?s).*(?m:^USER\\s+185\\s*$).*"), "simulator runs as user 185"),
                () -> assertEquals("http://teleoffice-simulator:8085", meeting.path("MADOGUCHI_TELEOFFICE_URL").asText()),
                () -> assertEquals("http://meeting-service:8083", meeting.path("MADOGUCHI_MEETING_PUBLIC_BASE_URL").asText()),
                () -> assertEquals(simulator.path("environment").path("TELEOFFICE_WEBHOOK_SECRET").asText(),
                        meeting.path("MADOGUCHI_MEETING_WEBHOOK_SECRET").asText(), "one webhook secret on both sides"));
    }

    /** Production talks to the real meeting manager: no simulator in the manifests, and no address pointing at one. */
    @Test
    void kubernetesHasNoTeleOfficeSimulator() {
        List<Executable> checks = new ArrayList<>();
        for (JsonNode d : k8s) {
            checks.add(() -> assertFalse(d.toString().contains("teleoffice-simulator"),
                    d.path("kind").asText() + " " + d.path("metadata").path("name").asText() + " mentions the simulator"));
        }
        String url = one("ConfigMap", "meeting-service-config").path("data").path("MADOGUCHI_TELEOFFICE_URL").asText();
        checks.add(() -> assertTrue(url.startsWith("https://") && !url.contains("localhost"), "real TeleOffice: " + url));
        assertAll(checks);
    }

    // ---- Dockerfiles ----

    @Test
    void dockerfilesPackageTheFastJarAsNonRoot() throws IOException {
        List<Executable> checks = new ArrayList<>();
        for (var service : SERVICES.entrySet()) {
            Path file = root.resolve(service.getKey()).resolve("src/main/docker/Dockerfile.jvm");
            assertTrue(Files.isRegularFile(file), "missing " + file);
            String text = Files.readString(file);
            String from = match(text, "(?m)^FROM\\s+(\\S+)");
            String name = service.getKey();
            checks.add(() -> assertTrue(from.matches(".+:[^:/]+") && !from.endsWith(":latest"), name + ": unpinned base " + from));
            checks.add(() -> assertTrue(text.matches("(?s).*(?m:^COPY\\s.*target/quarkus-app/).*"), name + " must copy target/quarkus-app"));
            checks.add(() -> assertTrue(text.matches("(?s).*(?m:^USER\\s+185\\s*$).*"), name + " must run as user 185"));
            checks.add(() -> assertTrue(text.matches("(?s).*(?m:^EXPOSE\\s+" + service.getValue() + "\\s*$).*"),
                    name + " must expose " + service.getValue()));
            checks.add(() -> assertTrue(text.matches("(?s).*(?m:^HEALTHCHECK\\s).*/q/health/ready.*"),
                    name + " needs a HEALTHCHECK on /q/health/ready"));
            checks.add(() -> assertTrue(text.contains("/dev/tcp/127.0.0.1/" + service.getValue() + " "),
                    name + ": the HEALTHCHECK must ask the service's own port"));
        }
        assertAll(checks);
    }

    @Test
    void imagesRunTheJvmThatTheTestsRun() throws IOException {
        // ./madoguchi up and every end-to-end test start the services with this file: an image that ran another JVM
        // (another collector, a larger heap) would run what nothing tested
        List<String> tested = Files.readAllLines(root.resolve("deploy/jvm/service.options")).stream()
                .map(String::trim).filter(l -> !l.isEmpty()).toList();
        List<Executable> checks = new ArrayList<>();
        for (String service : SERVICES.keySet()) {
            String text = Files.readString(root.resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
            List<String> image = new ArrayList<>();
            for (String variable : List.of("GC_CONTAINER_OPTIONS", "JAVA_OPTS_APPEND")) {
                image.addAll(List.of(match(text, "(?m)^ENV\\s+" + variable + "=\"([^\"]*)\"").split("\\s+")));
            }
            List<String> jvm = image.stream().filter(o -> o.startsWith("-X")).toList();
            checks.add(() -> assertEquals(tested, jvm, service + ": the image's JVM options"));
            checks.add(() -> assertTrue(text.matches("(?s).*(?m:^ENV\\s+MALLOC_ARENA_MAX=2\\s*$).*"),
                    service + " must set MALLOC_ARENA_MAX=2 as ./madoguchi up does"));
        }
        assertAll(checks);
    }

    // ---- deploy/k8s ----

    @Test
    void kubernetesManifestsMatchTheApiSchemas() throws Exception {
        Path validate = root.resolve("deploy/validate");
        Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), validate);
        assertEquals(0, ci.exit, () -> "npm ci in deploy/validate failed:\n" + ci.out + ci.err);
        Result r = run(List.of("node", "validate.mjs", root.resolve("e2e-tests/target/k8s-rendered.yaml").toString()), validate);
        assertEquals(0, r.exit, () -> "schema validation failed:\n" + r.out + r.err);
    }

    @Test
    void everyServiceHasProbesResourcesAndRunsAsNonRoot() {
        List<Executable> checks = new ArrayList<>();
        for (var service : SERVICES.entrySet()) {
            String name = service.getKey();
            JsonNode deployment = one("Deployment", name);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = find(pod.path("containers"), c -> c.path("name").asText().equals(name));
            assertNotNull(container, name + ": no container named " + name);
            checks.add(() -> assertProbe(name, container, "livenessProbe", "/q/health/live", service.getValue()));
            checks.add(() -> assertProbe(name, container, "readinessProbe", "/q/health/ready", service.getValue()));
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    checks.add(() -> assertFalse(container.path("resources").path(kind).path(resource).asText().isBlank(),
                            name + ": resources." + kind + "." + resource + " missing"));
                }
            }
            checks.add(() -> assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(false)
                    || container.path("securityContext").path("runAsNonRoot").asBoolean(false), name + " must set runAsNonRoot"));
            checks.add(() -> assertFalse(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true),
                    name + " must forbid privilege escalation"));
            checks.add(() -> assertTrue(container.path("image").asText().contains("madoguchi/" + name + ":"),
                    name + " runs " + container.path("image")));
        }
        assertAll(checks);
    }

    @Test
    void everyServiceHasAServiceADisruptionBudgetAndAnAutoscaler() {
        List<Executable> checks = new ArrayList<>();
        for (var service : SERVICES.entrySet()) {
            String name = service.getKey();
            JsonNode podLabels = one("Deployment", name).path("spec").path("template").path("metadata").path("labels");
            JsonNode pdb = one("PodDisruptionBudget", name);
            checks.add(() -> assertTrue(selects(pdb.path("spec").path("selector").path("matchLabels"), podLabels),
                    "the PodDisruptionBudget " + name + " selects no pod of the Deployment"));
            checks.add(() -> assertTrue(pdb.path("spec").has("minAvailable") || pdb.path("spec").has("maxUnavailable"),
                    "the PodDisruptionBudget " + name + " sets no budget"));
            JsonNode svc = one("Service", name);
            checks.add(() -> assertTrue(selects(svc.path("spec").path("selector"), podLabels), "the Service " + name + " selects no pod"));
            checks.add(() -> assertEquals(service.getValue(), svc.path("spec").path("ports").path(0).path("port").asInt(),
                    "the Service " + name + " port"));
            JsonNode hpa = one("HorizontalPodAutoscaler", name);
            checks.add(() -> assertEquals("Deployment/" + name, hpa.path("spec").path("scaleTargetRef").path("kind").asText()
                    + "/" + hpa.path("spec").path("scaleTargetRef").path("name").asText(), "the autoscaler " + name + " target"));
            checks.add(() -> assertTrue(hpa.path("spec").path("minReplicas").asInt(1) >= 2,
                    name + ": at least two replicas, or the PodDisruptionBudget blocks every node drain"));
        }
        assertAll(checks);
    }

    @Test
    void everyServiceGetsItsSettingsAndCredentials() throws IOException {
        Map<String, List<String>> requiredSettings = Map.of(
                "reservation-service", List.of(),
                "consent-service", List.of("MADOGUCHI_CONSENT_LINK_BASE_URL"),
                "meeting-service", List.of("MADOGUCHI_TELEOFFICE_URL", "MADOGUCHI_MEETING_PUBLIC_BASE_URL"),
                "notification-service", List.of("MADOGUCHI_SMTP_HOST", "MADOGUCHI_SMTP_PORT", "MADOGUCHI_RESERVATION_SERVICE_URL",
                        "MADOGUCHI_CONSENT_SERVICE_URL", "MADOGUCHI_MEETING_SERVICE_URL"));
        List<Executable> checks = new ArrayList<>();
        for (String name : SERVICES.keySet()) {
            JsonNode container = one("Deployment", name).path("spec").path("template").path("spec").path("containers").path(0);
            Map<String, String> settings = new LinkedHashMap<>();
            Set<String> secrets = new HashSet<>();
            for (JsonNode from : container.path("envFrom")) {
                if (from.has("configMapRef")) {
                    JsonNode map = one("ConfigMap", from.path("configMapRef").path("name").asText());
                    map.path("data").fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
                } else if (from.has("secretRef")) {
                    JsonNode secret = one("Secret", from.path("secretRef").path("name").asText());
                    secret.path("stringData").fieldNames().forEachRemaining(secrets::add);
                    // nothing usable in git: placeholders the guard refuses (or empty optional ones)
                    secret.path("stringData").fields().forEachRemaining(e -> {
                        if (SECRET_NAME.matcher(e.getKey()).find() && !e.getValue().asText().isEmpty()) {
                            checks.add(() -> assertFalse(SecretRules.problems(List.of(new SecretRules.Setting(e.getKey(),
                                    e.getValue().asText(), true)), Set.of()).isEmpty(),
                                    name + ": the Secret's " + e.getKey() + " must be a placeholder the guard refuses"));
                        }
                    });
                    secret.path("data").fieldNames().forEachRemaining(secrets::add);
                }
            }
            for (String key : List.of("MADOGUCHI_DB_HOST", "MADOGUCHI_DB_PORT", "MADOGUCHI_KAFKA_BOOTSTRAP",
                    "MADOGUCHI_KAFKA_SECURITY_PROTOCOL", "MADOGUCHI_OIDC_URL")) {
                checks.add(() -> assertFalse(settings.getOrDefault(key, "").isBlank(), name + " gets no " + key));
            }
            for (String key : requiredSettings.get(name)) {
                checks.add(() -> assertFalse(settings.getOrDefault(key, "").isBlank(), name + " gets no " + key));
            }
            for (String key : guardedSettings(name)) {
                checks.add(() -> assertTrue(secrets.contains(key), name + " gets no secret " + key));
                checks.add(() -> assertFalse(settings.containsKey(key), name + ": " + key + " belongs in a Secret, not a ConfigMap"));
            }
            Set<String> known = knownSettings(name);
            for (String key : concat(settings.keySet(), secrets)) {
                if (key.startsWith("MADOGUCHI_")) {
                    checks.add(() -> assertTrue(known.contains(key), name + " reads no setting named " + key));
                }
            }
            if (name.equals("notification-service")) {
                for (String other : List.of("reservation-service", "consent-service", "meeting-service")) {
                    String key = "MADOGUCHI_" + other.replace('-', '_').toUpperCase() + "_URL";
                    checks.add(() -> assertEquals("http://" + other + ":" + SERVICES.get(other), settings.get(key),
                            "notification-service must reach " + other + " through its Service"));
                }
            }
        }
        assertAll(checks);
    }

    // ---- helpers ----

    private static void assertProbe(String name, JsonNode container, String probe, String path, int port) {
        JsonNode get = container.path(probe).path("httpGet");
        assertEquals(path, get.path("path").asText(), name + ": " + probe + " path");
        JsonNode target = get.path("port");
        int resolved = target.isInt() ? target.asInt()
                : find(container.path("ports"), p -> p.path("name").asText().equals(target.asText()))
                        .path("containerPort").asInt(-1);
        assertEquals(port, resolved, name + ": " + probe + " must ask the service's port " + port);
    }

    /**
     * Every setting a service reads, as environment variable names: the keys of its application.properties and
     * of the shared defaults, and the names their values refer to (e.g. ${madoguchi.teleoffice.url:}).
     */
    private static Set<String> knownSettings(String service) throws IOException {
        Set<String> names = new HashSet<>();
        for (Path file : List.of(root.resolve(service).resolve("src/main/resources/application.properties"),
                root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"))) {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            for (String key : p.stringPropertyNames()) {
                // a profile's key (%dev.x) names the same setting x, which production must supply itself
                names.add(key.replaceFirst("^%[^.]+\\.", ""));
                Matcher m = Pattern.compile("\\$\\{([^:}]+)").matcher(p.getProperty(key));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names.stream().map(n -> n.replaceAll("[^A-Za-z0-9]", "_").toUpperCase()).collect(Collectors.toSet());
    }

    /** The secret settings a service's guard requires (shared and own lists), as environment variable names. */
    private static List<String> guardedSettings(String service) throws IOException {
        Properties shared = new Properties();
        shared.load(new StringReader(Files.readString(
                root.resolve("platform/src/main/resources/META-INF/microprofile-config.properties"), StandardCharsets.UTF_8)));
        List<String> keys = new ArrayList<>();
        for (String list : List.of(shared.getProperty("madoguchi.secrets.shared", ""),
                serviceProperties(service).getProperty("madoguchi.secrets.own", ""))) {
            for (String key : list.split(",")) {
                if (!key.isBlank()) {
                    keys.add(SecretRules.envName(key.trim()));
                }
            }
        }
        assertTrue(keys.contains("QUARKUS_DATASOURCE_PASSWORD"), service + " guards its database password");
        return keys;
    }

    private static Properties serviceProperties(String service) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(root.resolve(service).resolve("src/main/resources/application.properties"))));
        return p;
    }

    private static JsonNode one(String kind, String name) {
        List<JsonNode> found = k8s.stream()
                .filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
                .toList();
        if (found.size() != 1) {
            fail("expected one " + kind + " " + name + " in deploy/k8s, found " + found.size());
        }
        return found.get(0);
    }

    private static JsonNode find(JsonNode array, Predicate<JsonNode> p) {
        for (JsonNode n : array) {
            if (p.test(n)) {
                return n;
            }
        }
        return JSON.missingNode();
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        var it = selector.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!labels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    /** Volumes in the long form; docker-compose v1 prints the short one (source:target[:mode]). */
    private static List<JsonNode> volumes(JsonNode service) {
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode v : service.path("volumes")) {
            if (v.isTextual()) {
                String[] parts = v.asText().split(":");
                var node = JSON.createObjectNode().put("source", parts[0]);
                if (parts.length > 1) {
                    node.put("target", parts[1]);
                }
                list.add(node);
            } else {
                list.add(v);
            }
        }
        return list;
    }

    private static Set<String> concat(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            fail("no match for " + regex);
        }
        return m.group(1);
    }

    private static Path projectRoot() {
        String configured = System.getProperty("madoguchi.root");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("docker-compose.yml")) && Files.isDirectory(d.resolve("deploy/k8s"))) {
                return d;
            }
        }
        throw new IllegalStateException("no project root with docker-compose.yml above " + dir);
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs a tool; a missing tool fails the test with the hint where it comes from. */
    private static Result run(List<String> command, Path dir) throws IOException, InterruptedException {
        return run(command, dir, Map.of());
    }

    private static Result run(List<String> command, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        Path target = root.resolve("e2e-tests/target");
        Files.createDirectories(target);
        Path out = Files.createTempFile(target, "tool", ".out");
        Path err = Files.createTempFile(target, "tool", ".err");
        try {
            Process p;
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                // secrets come from the env file under test only, never from whoever runs the build
                pb.environment().keySet().removeIf(name -> SECRET_NAME.matcher(name).find());
                pb.environment().putAll(env);
                p = pb.start();
            } catch (IOException e) {
                throw new AssertionError(command.get(0) + " is not installed (.ci/run installs it): " + e.getMessage(), e);
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
