/**
 * The Lagoon PhantomDB server: {@link dev.lagoon.server.PhantomServer} started with
 * {@link dev.lagoon.server.ServerOptions}, and the {@link dev.lagoon.server.Main} command line.
 * Everything under {@code dev.lagoon.server.internal} is not exported and may change.
 */
package dev.lagoon.server;
