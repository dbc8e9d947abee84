package dev.lagoon.server.client;

/** The pool's seed semantics with the real server on Postgres. */
class PoolSemanticsOnPostgresTest extends PoolSemanticsContract {
    @Override
    ServerBackend backend() {
        return ServerBackend.POSTGRES;
    }
}
