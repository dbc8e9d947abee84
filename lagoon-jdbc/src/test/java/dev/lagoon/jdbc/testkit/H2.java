package dev.lagoon.jdbc.testkit;

import java.util.UUID;

/** Embedded H2 databases for tests. */
public final class H2 {

    private H2() {
    }

    /** @return the URL of a new private in-memory database that lives until the JVM exits */
    public static String newMemoryUrl() {
        return "jdbc:h2:mem:lagoon_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }
}
