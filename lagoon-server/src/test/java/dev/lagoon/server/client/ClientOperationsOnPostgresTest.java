package dev.lagoon.server.client;

/** The Java client's operations against the real server on Postgres. */
class ClientOperationsOnPostgresTest extends ClientOperationsContract {
    @Override
    ServerBackend backend() {
        return ServerBackend.POSTGRES;
    }
}
