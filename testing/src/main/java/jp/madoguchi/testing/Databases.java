package jp.madoguchi.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import jp.madoguchi.devstack.StackInfo;

/** Creates a fresh database for a test run, owned by the service's own role. */
public final class Databases {

    private Databases() {
    }

    /**
     * Makes PostgreSQL refuse the service's database: no new connection is accepted and the open ones are ended,
     * as during a restart or a failover. {@link #accept} ends it.
     */
    public static void refuse(StackInfo stack, String name) {
        superuser(stack, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "' AND pid <> pg_backend_pid()");
    }

    public static void accept(StackInfo stack, String name) {
        superuser(stack, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    private static void superuser(StackInfo stack, String... statements) {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("postgres"), stack.postgresSuperuser(),
                stack.postgresSuperpassword()); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not change database " + statements[0], e);
        }
    }

    public static void recreate(StackInfo stack, String name, String owner) {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("postgres"), stack.postgresSuperuser(),
                stack.postgresSuperpassword()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " OWNER " + owner);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
    }
}
