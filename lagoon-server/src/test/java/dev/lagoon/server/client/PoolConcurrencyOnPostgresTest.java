package dev.lagoon.server.client;

/** Many threads through one pool with the real server on Postgres. */
class PoolConcurrencyOnPostgresTest extends PoolConcurrencyContract {
    @Override
    ServerBackend backend() {
        return ServerBackend.POSTGRES;
    }
}
