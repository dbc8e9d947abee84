package dev.lagoon.server.client;

import java.util.UUID;

/** Unique database names, so tests never meet each other's data (PostgreSQL's schemas outlive a run). */
final class Names {
    private Names() {
    }

    /** @return a fresh database name such as {@code lgc_1a2b3c4d5e6f} */
    static String database() {
        return "lgc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
