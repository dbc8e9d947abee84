package dev.lagoon.server.client;

/** Many threads through one pool with the real server on H2. */
class PoolConcurrencyOnH2Test extends PoolConcurrencyContract {
    @Override
    ServerBackend backend() {
        return ServerBackend.H2;
    }
}
