package jp.madoguchi.devstack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A busy port is named with its variable, before the start and when taken during it; the defaults avoid the ephemeral range. */
class PortsTest {

    private static final List<String> VARIABLES = List.of("MADOGUCHI_PG_PORT", "MADOGUCHI_KAFKA_PORT",
            "MADOGUCHI_KAFKA_CONTROLLER_PORT", "MADOGUCHI_KEYCLOAK_PORT", "MADOGUCHI_KEYCLOAK_MGMT_PORT",
            "MADOGUCHI_SMTP_PORT", "MADOGUCHI_MAIL_API_PORT", "MADOGUCHI_IMAP_PORT");
    private final List<ServerSocket> held = new ArrayList<>();

    /** Every port of the stack moved to one that is free now, as the env vars would. */
    @BeforeEach
    void freePorts() throws IOException {
        List<ServerSocket> probes = new ArrayList<>();
        for (String variable : VARIABLES) {
            ServerSocket s = new ServerSocket(0);
            probes.add(s);
            System.setProperty(property(variable), Integer.toString(s.getLocalPort()));
        }
        for (ServerSocket s : probes) {
            s.close();
        }
    }

    @AfterEach
    void release() throws IOException {
        for (ServerSocket s : held) {
            s.close();
        }
        VARIABLES.forEach(v -> System.clearProperty(property(v)));
    }

    @Test
    void theDefaultsLieOutsideLinuxsEphemeralRange() {
        VARIABLES.forEach(v -> System.clearProperty(property(v)));
        for (Ports.Port p : Ports.fromEnvironment().all()) {
            assertTrue(p.number() < 32768 && p.number() > 1024, p + " lies in the ephemeral range or among the privileged ports");
        }
    }

    @Test
    void aBusyPortIsNamedWithItsVariableBeforeAnythingStarts() throws IOException {
        Ports ports = Ports.fromEnvironment();
        assertDoesNotThrow(ports::checkFree);
        hold(ports.keycloakManagement());

        IllegalStateException e = assertThrows(IllegalStateException.class, ports::checkFree);
        assertTrue(e.getMessage().contains("port " + ports.keycloakManagement()) && e.getMessage().contains("MADOGUCHI_KEYCLOAK_MGMT_PORT"),
                e.getMessage());
    }

    @Test
    void aPortTakenDuringTheStartIsNamedForTheServerThatFailed() throws IOException {
        Ports ports = Ports.fromEnvironment();
        ports.checkFree();
        assertNull(ports.takenMeanwhile("MADOGUCHI_KAFKA_PORT", "MADOGUCHI_KAFKA_CONTROLLER_PORT"));
        hold(ports.kafkaController());

        String message = ports.takenMeanwhile("MADOGUCHI_KAFKA_PORT", "MADOGUCHI_KAFKA_CONTROLLER_PORT");
        assertTrue(message != null && message.contains("MADOGUCHI_KAFKA_CONTROLLER_PORT") && message.contains("taken"), message);
        assertNull(ports.takenMeanwhile("MADOGUCHI_PG_PORT"), "another server's ports are not to blame");
    }

    @Test
    void checkingAPortLeavesItFreeForTheServer() throws IOException {
        int port = Ports.fromEnvironment().postgres();
        for (int i = 0; i < 20; i++) {
            Ports.busy(port);
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertEquals(port, s.getLocalPort());
        }
    }

    private void hold(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        held.add(s);
    }

    private static String property(String variable) {
        return variable.toLowerCase().replace('_', '.');
    }
}
