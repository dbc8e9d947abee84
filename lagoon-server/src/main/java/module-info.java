/**
 * The Lagoon PhantomDB REST server: the PhantomDB contract over a pooled SQL backend, on Javalin
 * and Jetty, with a picocli command line. Only {@code dev.lagoon.server} is exported.
 */
module dev.lagoon.server {
    requires dev.lagoon.jdbc;
    requires dev.lagoon.phantomdb;
    requires io.javalin;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.http;
    requires org.eclipse.jetty.io;
    requires org.eclipse.jetty.util;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;
    requires java.sql;
    requires org.slf4j;

    exports dev.lagoon.server;
    opens dev.lagoon.server to info.picocli;
}
