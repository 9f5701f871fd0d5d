package jp.madoguchi.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Ports of the stack, each overridable by env or system property. The defaults lie below Linux's ephemeral range
 * (32768–60999): a port in it can be handed to an outgoing connection, and a probe of a port nobody listens on yet
 * may then connect to itself and hold the port in TIME-WAIT, so the server meant for it cannot bind.
 */
public record Ports(int postgres, int kafka, int kafkaController, int keycloak, int keycloakManagement, int smtp, int mailApi,
        int simulator, int imap) {

    /** One port of the stack and the variable that moves it. */
    record Port(String what, String env, int number) {
    }

    static Ports fromEnvironment() {
        return new Ports(get("MADOGUCHI_PG_PORT", 15432), get("MADOGUCHI_KAFKA_PORT", 19092),
                get("MADOGUCHI_KAFKA_CONTROLLER_PORT", 19093), get("MADOGUCHI_KEYCLOAK_PORT", 18180),
                get("MADOGUCHI_KEYCLOAK_MGMT_PORT", 18190), get("MADOGUCHI_SMTP_PORT", 12525),
                get("MADOGUCHI_MAIL_API_PORT", 18025), get("MADOGUCHI_SIMULATOR_PORT", 18085),
                get("MADOGUCHI_IMAP_PORT", 12143));
    }

    List<Port> all() {
        return List.of(new Port("PostgreSQL", "MADOGUCHI_PG_PORT", postgres), new Port("Kafka", "MADOGUCHI_KAFKA_PORT", kafka),
                new Port("Kafka controller", "MADOGUCHI_KAFKA_CONTROLLER_PORT", kafkaController),
                new Port("Keycloak", "MADOGUCHI_KEYCLOAK_PORT", keycloak),
                new Port("Keycloak management", "MADOGUCHI_KEYCLOAK_MGMT_PORT", keycloakManagement),
                new Port("SMTP", "MADOGUCHI_SMTP_PORT", smtp), new Port("mail inbox API", "MADOGUCHI_MAIL_API_PORT", mailApi),
                new Port("TeleOffice simulator", "MADOGUCHI_SIMULATOR_PORT", simulator),
                new Port("IMAP", "MADOGUCHI_IMAP_PORT", imap));
    }

    /** Fails, naming the port and its variable, when one of the stack's ports is taken; before anything starts. */
    void checkFree() {
        for (Port p : all()) {
            if (busy(p.number())) {
                throw new IllegalStateException(message(p, "is already in use"));
            }
        }
    }

    /**
     * After a server failed to start: the first of its ports someone else took meanwhile (between
     * {@link #checkFree()} and its bind), as a readable message; null when its ports are free.
     */
    String takenMeanwhile(String... envs) {
        for (Port p : all()) {
            if (List.of(envs).contains(p.env()) && busy(p.number())) {
                return message(p, "was taken by another process while the stack started");
            }
        }
        return null;
    }

    private static String message(Port p, String what) {
        return "port " + p.number() + " (" + p.what() + ", " + p.env() + ") " + what
                + ": stop whatever holds it (./madoguchi down, or see `ss -ltnp 'sport = :" + p.number() + "'`) or choose another port with "
                + p.env() + "=<port>";
    }

    /**
     * Whether something holds the port, found without connecting to it (a connect may meet itself, see above):
     * a listening socket in the kernel's table, or a bind on the loopback address that fails.
     */
    static boolean busy(int port) {
        if (listening(port)) {
            return true;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // a connection left in TIME-WAIT does not stop the servers either
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * A socket in LISTEN state on the port (any address), from /proc/net/tcp{,6}; false where there is none. A probe
     * that waits for this before it connects cannot meet itself on a port nobody holds yet.
     */
    public static boolean listening(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ...; state 0A is LISTEN
                    if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                        return true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table here: the bind check decides
            }
        }
        return false;
    }

    private static int get(String env, int fallback) {
        String property = System.getProperty(env.toLowerCase().replace('_', '.'));
        String value = property != null ? property : System.getenv(env);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
