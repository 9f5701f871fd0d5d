package jp.madoguchi.testing;

import java.nio.file.Path;
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
            // surefire and failsafe fork from the Maven JVM: tie a stack we start to its life
            OptionalLong owner = ProcessHandle.current().parent().map(p -> OptionalLong.of(p.pid()))
                    .orElse(OptionalLong.empty());
            info = DevStack.ensureUp(DevStack.defaultStateDir(Path.of("").toAbsolutePath()), owner);
        }
        return info;
    }

    /** Topic prefix of this test JVM: its events never mix with another run's or the local stack's. */
    public static final String TOPIC_PREFIX = "test-" + Long.toString(System.currentTimeMillis(), 36) + "-";
}
