/**
 * The Java PhantomDB client and its pool.
 *
 * <p>{@link dev.lagoon.phantomdb.PhantomDB} speaks the PhantomDB REST contract over the JDK's
 * {@code java.net.http} client with JSON through Jackson; {@link dev.lagoon.phantomdb.PhantomDBPool}
 * pools such clients on the generic Lagoon pool engine. The {@code internal} package is not
 * exported.
 */
module dev.lagoon.phantomdb {
    requires transitive dev.lagoon.core;
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.lagoon.phantomdb;
}
