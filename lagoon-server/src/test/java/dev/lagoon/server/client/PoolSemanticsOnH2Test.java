package dev.lagoon.server.client;

/** The pool's seed semantics with the real server on H2. */
class PoolSemanticsOnH2Test extends PoolSemanticsContract {
    @Override
    ServerBackend backend() {
        return ServerBackend.H2;
    }
}
