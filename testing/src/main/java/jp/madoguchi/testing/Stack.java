package jp.madoguchi.testing;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import jp.madoguchi.devstack.DevStack;
import jp.madoguchi.devstack.StackInfo;

/**
 * The real infrastructure the tests run against: the dev stack already up (e.g. from {@code ./madoguchi up})
 * or one started for this build, which then stops by itself when the Maven process that ran the tests ends.
 */
public final class Stack {

    private static StackInfo info;

    private Stack() {
    }

    public static synchronized StackInfo get() {
        if (info == null) {
            info = DevStack.ensureUp(DevStack.defaultStateDir(Path.of("").toAbsolutePath()), owner());
        }
        return info;
    }

    /**
     * The Maven process running the build: a stack started here lives as long as the whole build (every module's
     * tests reuse it) and stops when it ends. Surefire may fork through a shell, so the direct parent is not enough.
     */
    static OptionalLong owner() {
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        Optional<ProcessHandle> first = p;
        while (p.isPresent()) {
            String command = p.get().info().commandLine().orElse("");
            if (command.contains("plexus-classworlds") || command.contains("org.codehaus.plexus.classworlds")) {
                return OptionalLong.of(p.get().pid());
            }
            p = p.get().parent();
        }
        // not under Maven (an IDE, say): the stack lives as long as whatever launched the tests
        return first.map(h -> OptionalLong.of(h.pid())).orElse(OptionalLong.empty());
    }

    /** Topic prefix of this test JVM: its events never mix with another run's or the local stack's. */
    public static final String TOPIC_PREFIX = "test-" + Long.toString(System.currentTimeMillis(), 36) + "-";
}
