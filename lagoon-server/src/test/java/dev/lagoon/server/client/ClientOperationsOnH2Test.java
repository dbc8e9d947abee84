package dev.lagoon.server.client;

/** The Java client's operations against the real server on H2. */
class ClientOperationsOnH2Test extends ClientOperationsContract {
    @Override
    ServerBackend backend() {
        return ServerBackend.H2;
    }
}
