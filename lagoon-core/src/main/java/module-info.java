/**
 * Lagoon's core: a generic connection pool. {@code dev.lagoon} is the public API,
 * {@code dev.lagoon.tcp} pools TCP sockets, {@code dev.lagoon.internal} is the engine and is
 * not exported.
 */
module dev.lagoon.core {
    requires org.slf4j;

    exports dev.lagoon;
    exports dev.lagoon.tcp;
}
