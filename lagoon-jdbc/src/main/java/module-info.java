/**
 * Lagoon's JDBC face: {@link dev.lagoon.jdbc.LagoonDataSource}, a {@code javax.sql.DataSource}
 * on the Lagoon core pool. The wrappers and the connection factory live in
 * {@code dev.lagoon.jdbc.internal}, which is not exported.
 */
module dev.lagoon.jdbc {
    requires transitive dev.lagoon.core;
    requires transitive java.sql;
    requires org.slf4j;

    exports dev.lagoon.jdbc;

    uses dev.lagoon.jdbc.BrokenConnectionClassifier;
}
