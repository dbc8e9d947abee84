/**
 * Lagoon's core: a generic connection pool. {@code dev.lagoon} is the public API,
 * {@code dev.lagoon.tcp} pools TCP sockets, {@code dev.lagoon.internal} is the engine and is
 * exported only to Lagoon's own JDBC module.
 */
@SuppressWarnings("module") // the JDBC module named below is built after this one
module dev.lagoon.core {
    requires org.slf4j;

    exports dev.lagoon;
    exports dev.lagoon.tcp;
    // for adapters that carry a slot and stamp in their own lease object (one allocation per borrow)
    exports dev.lagoon.internal to dev.lagoon.jdbc;
}
