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
