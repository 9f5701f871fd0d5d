package jp.madoguchi.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validates the published AsyncAPI document with the reference AsyncAPI parser (Node, pinned in
 * src/test/asyncapi/package-lock.json), so a document that tools would reject never ships. Needs node and npm.
 */
class AsyncApiDocumentTest {

    static final Path TOOL = Path.of("src/test/asyncapi").toAbsolutePath();
    static final Path DOCUMENT = Path.of("src/main/resources/META-INF/resources/asyncapi/madoguchi.yaml").toAbsolutePath();

    record Run(int exit, String output) {
    }

    @BeforeAll
    static void installParser() throws Exception {
        // install scripts are not needed by the parser and one of its dependencies would phone home: skip them
        Run install = run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 300);
        assertEquals(0, install.exit(), "npm ci failed in " + TOOL + ":\n" + install.output());
    }

    @Test
    void theDocumentIsValidAsyncApi3() throws Exception {
        Run check = run(List.of("node", "validate.mjs", DOCUMENT.toString()), 120);
        assertEquals(0, check.exit(), "the AsyncAPI parser rejects " + DOCUMENT + ":\n" + check.output());
        assertTrue(check.output().contains("is valid AsyncAPI 3.0.0: 5 channels, 24 messages, 5 operations"), check.output());
    }

    /** The check itself can fail: a document with a dangling reference and a bad operation action is rejected. */
    @Test
    void aBrokenDocumentIsRejectedWithDiagnostics() throws Exception {
        String text = Files.readString(DOCUMENT, StandardCharsets.UTF_8)
                .replaceFirst("action: send", "action: publish")
                .replaceFirst("\\$ref: '#/components/schemas/MeetingChanged'", "\\$ref: '#/components/schemas/Nowhere'");
        Path broken = Path.of("target/asyncapi-broken.yaml").toAbsolutePath();
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, text, StandardCharsets.UTF_8);

        Run check = run(List.of("node", "validate.mjs", broken.toString()), 120);
        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("[invalid-ref]"), check.output());
        assertTrue(check.output().contains("operations.publishReservationEvents.action"), check.output());
    }

    static Run run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(TOOL.toFile()).redirectErrorStream(true);
        pb.environment().put("SCARF_ANALYTICS", "false");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException(cmd.get(0) + " is not installed: the AsyncAPI check needs node and npm", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(cmd + " did not finish in " + timeoutSeconds + " s:\n" + out);
        }
        return new Run(p.exitValue(), out);
    }
}
