package jp.madoguchi.devstack;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on Kafka: one SCRAM principal per service, named after it, which may write only the topics its
 * service owns and read only those it consumes, in its own consumer group; and the stack's admin principal
 * (a super user) for the stack itself and the tests. docker-compose.yml and deploy/README.md grant the same.
 */
public final class KafkaAccess {

    /** The dev stack's super user: the broker's own inter-broker login, topic and ACL set-up, tests' readers. */
    public static final String ADMIN = "madoguchi-admin";
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** What the dev stack's client listener speaks; SASL_SSL in production (madoguchi.kafka.security-protocol). */
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    /** The owner of each topic: its only writer (the outbox of that service). */
    public static final Map<String, String> OWNERS = Map.of("madoguchi.reservations", "reservation-service",
            "madoguchi.consents", "consent-service", "madoguchi.terms", "consent-service",
            "madoguchi.meetings", "meeting-service", "madoguchi.offices", "reservation-service");

    public static final List<String> SERVICES = List.of("reservation-service", "consent-service", "meeting-service",
            "notification-service");

    /** The topics each service consumes (its {@code mp.messaging.incoming.*} channels). */
    public static final Map<String, List<String>> CONSUMES = Map.of(
            "reservation-service", List.of("madoguchi.terms", "madoguchi.consents", "madoguchi.meetings"),
            "consent-service", List.of("madoguchi.reservations"),
            "meeting-service", List.of("madoguchi.reservations", "madoguchi.offices"),
            "notification-service", List.of("madoguchi.reservations", "madoguchi.meetings", "madoguchi.consents",
                    "madoguchi.offices"));

    private static final SecureRandom RANDOM = new SecureRandom();

    private KafkaAccess() {
    }

    /** The owner of a topic, with or without a run's prefix ({@code test-…-madoguchi.meetings}). */
    public static Optional<String> owner(String topic) {
        return OWNERS.entrySet().stream().filter(e -> topic.endsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }

    /** Client settings to reach the broker as {@code user}: bootstrap, SASL/SCRAM. */
    public static Properties client(String bootstrap, String user, String password) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
        p.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(user, password));
        return p;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** A new password for each principal (URL-safe characters only: it sits in a quoted JAAS value). */
    static Map<String, String> newPasswords() {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(ADMIN, newPassword());
        SERVICES.forEach(s -> passwords.put(s, newPassword()));
        return passwords;
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * What each service may do with the topics of a run ({@code prefix} "" for the stack's own topics): write and
     * idempotently write what it owns, read what it consumes, in the group {@code prefix + service}. Nothing else: a
     * record a service cannot handle is parked in its own database, not sent to a dead-letter topic.
     */
    public static List<AclBinding> bindings(String prefix) {
        List<AclBinding> acls = new ArrayList<>();
        for (String service : SERVICES) {
            String principal = "User:" + service;
            OWNERS.forEach((topic, owner) -> {
                if (owner.equals(service)) {
                    acls.add(allow(principal, ResourceType.TOPIC, prefix + topic, AclOperation.WRITE));
                }
            });
            for (String topic : CONSUMES.get(service)) {
                acls.add(allow(principal, ResourceType.TOPIC, prefix + topic, AclOperation.READ));
            }
            acls.add(allow(principal, ResourceType.GROUP, prefix + service, AclOperation.READ));
            if (prefix.isEmpty()) {
                acls.add(allow(principal, ResourceType.CLUSTER, "kafka-cluster", AclOperation.IDEMPOTENT_WRITE));
            }
        }
        return acls;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** Creates or updates the services' SCRAM credentials (idempotent). */
    static void upsertUsers(Admin admin, Map<String, String> passwords) throws Exception {
        List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> changes = new ArrayList<>();
        passwords.forEach((user, password) -> {
            if (!user.equals(ADMIN)) { // the admin exists from the storage format on; the broker logs in with it
                changes.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                        password));
            }
        });
        admin.alterUserScramCredentials(changes).all().get(30, TimeUnit.SECONDS);
    }

    /** Grants {@link #bindings(String)} (existing ones are kept as they are). */
    public static void grant(Admin admin, String prefix) {
        try {
            admin.createAcls(bindings(prefix)).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not grant the services' ACLs for the topics '" + prefix + "madoguchi.*'", e);
        }
    }
}
