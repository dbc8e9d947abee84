package dev.lagoon.server.internal.backend;

import dev.lagoon.jdbc.LagoonDataSource;
import dev.lagoon.server.ServerOptions;

/** Opens the backend pool described by the options. */
public final class Backends {

    private Backends() {
    }

    /**
     * @param options the server options
     * @return the started backend pool
     * @throws IllegalArgumentException when the pool refuses an option
     */
    public static Backend open(ServerOptions options) {
        LagoonDataSource dataSource = LagoonDataSource.builder()
                .jdbcUrl(options.jdbcUrl())
                .username(options.user())
                .password(options.password())
                .minSize(options.minPoolSize())
                .maxSize(options.maxPoolSize())
                .acquireTimeout(options.acquireTimeout())
                .poolName(options.poolName())
                .build();
        return new LagoonBackend(dataSource);
    }
}
