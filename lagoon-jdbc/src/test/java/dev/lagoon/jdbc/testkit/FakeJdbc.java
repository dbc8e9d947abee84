package dev.lagoon.jdbc.testkit;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A scriptable in-memory JDBC "driver" for tests that must see exactly which calls the pool
 * makes on a physical connection, or make the driver fail in a chosen way.
 *
 * <p>Every call on a fake connection or statement is recorded as {@code c<N>.<method>(<args>)}
 * (N counts connections from 1). Connections keep real state for auto-commit, isolation,
 * read-only, catalog, schema and network timeout, starting at auto-commit true,
 * {@code READ_COMMITTED}, read-write, catalog {@code fakecat}, schema {@code fakeschema},
 * network timeout 0.
 */
public final class FakeJdbc {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final Map<String, SQLException> failingSql = new ConcurrentHashMap<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private volatile boolean valid = true;
    private volatile SQLException connectFailure;

    /** @return a DataSource whose connections are fakes of this instance */
    public DataSource dataSource() {
        return new FakeDataSource();
    }

    /** @return every recorded call so far */
    public List<String> calls() {
        return new ArrayList<>(calls);
    }

    /**
     * @param connectionNumber which connection (1 for the first)
     * @param from             index in {@link #calls()} to start at
     * @return the calls on that connection and its statements recorded at or after {@code from}
     */
    public List<String> callsOn(int connectionNumber, int from) {
        String prefix = "c" + connectionNumber + ".";
        List<String> all = calls();
        return all.subList(Math.min(from, all.size()), all.size()).stream()
                .filter(c -> c.startsWith(prefix))
                .map(c -> c.substring(prefix.length()))
                .collect(Collectors.toList());
    }

    /** @return how many calls have been recorded (a mark for {@link #callsOn}) */
    public int callCount() {
        return calls.size();
    }

    /** @return how many connections were opened */
    public int connectionsOpened() {
        return opened.get();
    }

    /**
     * @param number which connection (1 for the first)
     * @return that fake connection itself (the driver's object, not the pool's wrapper)
     */
    public Connection connection(int number) {
        return connections.get(number - 1);
    }

    /**
     * @param sql       a statement text
     * @param exception what executing it throws from now on
     */
    public void failOn(String sql, SQLException exception) {
        failingSql.put(sql, exception);
    }

    /**
     * @param connectionNumber which connection (1 for the first)
     * @param sql              a statement text
     * @param exception        what executing it on that connection throws from now on
     */
    public void failOn(int connectionNumber, String sql, SQLException exception) {
        failingSql.put(connectionNumber + ":" + sql, exception);
    }

    /** @param valid what {@code isValid} answers on every connection from now on */
    public void setValid(boolean valid) {
        this.valid = valid;
    }

    /**
     * @param connectionNumber which connection (1 for the first)
     * @param valid            what {@code isValid} answers on that connection from now on
     */
    public void setValid(int connectionNumber, boolean valid) {
        ((ConnectionState) Proxy.getInvocationHandler(connection(connectionNumber))).valid = valid;
    }

    /** @param failure thrown by the next connection attempts, or {@code null} to succeed */
    public void failConnects(SQLException failure) {
        this.connectFailure = failure;
    }

    private Connection newConnection(String user) throws SQLException {
        SQLException failure = connectFailure;
        if (failure != null) {
            throw failure;
        }
        int n = opened.incrementAndGet();
        calls.add("c" + n + ".connect(" + user + ")");
        ConnectionState state = new ConnectionState(n);
        Connection c = (Connection) Proxy.newProxyInstance(FakeJdbc.class.getClassLoader(),
                new Class<?>[] {Connection.class}, state);
        state.self = c;
        connections.add(c);
        return c;
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type.isPrimitive() && type != void.class) {
            return 0;
        }
        return null;
    }

    private static String describe(Method m, Object[] args) {
        return m.getName() + "(" + (args == null ? "" : Arrays.stream(args).map(String::valueOf)
                .collect(Collectors.joining(", "))) + ")";
    }

    private final class ConnectionState implements InvocationHandler {
        final int number;
        Connection self;
        boolean autoCommit = true;
        boolean readOnly;
        int isolation = Connection.TRANSACTION_READ_COMMITTED;
        String catalog = "fakecat";
        String schema = "fakeschema";
        int networkTimeout;
        volatile boolean closed;
        volatile boolean valid = true;

        ConnectionState(int number) {
            this.number = number;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            switch (m.getName()) {
                case "toString":
                    return "FakeConnection#" + number;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    break;
            }
            calls.add("c" + number + "." + describe(m, args));
            switch (m.getName()) {
                case "getAutoCommit": return autoCommit;
                case "setAutoCommit": autoCommit = (Boolean) args[0]; return null;
                case "isReadOnly": return readOnly;
                case "setReadOnly": readOnly = (Boolean) args[0]; return null;
                case "getTransactionIsolation": return isolation;
                case "setTransactionIsolation": isolation = (Integer) args[0]; return null;
                case "getCatalog": return catalog;
                case "setCatalog": catalog = (String) args[0]; return null;
                case "getSchema": return schema;
                case "setSchema": schema = (String) args[0]; return null;
                case "getNetworkTimeout": return networkTimeout;
                case "setNetworkTimeout": networkTimeout = (Integer) args[1]; return null;
                case "isClosed": return closed;
                case "close":
                case "abort":
                    closed = true;
                    return null;
                case "isValid": return FakeJdbc.this.valid && valid && !closed;
                case "unwrap": return ((Class<?>) args[0]).isInstance(proxy) ? proxy : null;
                case "isWrapperFor": return ((Class<?>) args[0]).isInstance(proxy);
                case "createStatement": return statement(Statement.class, null);
                case "prepareStatement": return statement(PreparedStatement.class, (String) args[0]);
                default:
                    if (closed && !m.getName().equals("clearWarnings")) {
                        throw new SQLException("fake connection closed", "08003");
                    }
                    return defaultValue(m.getReturnType());
            }
        }

        private Object statement(Class<? extends Statement> type, String preparedSql) throws SQLException {
            if (closed) {
                throw new SQLException("fake connection closed", "08003");
            }
            boolean[] stmtClosed = {false};
            InvocationHandler h = (proxy, m, args) -> {
                switch (m.getName()) {
                    case "toString": return "FakeStatement(" + preparedSql + ")";
                    case "hashCode": return System.identityHashCode(proxy);
                    case "equals": return proxy == args[0];
                    default: break;
                }
                calls.add("c" + number + ".stmt." + describe(m, args));
                String name = m.getName();
                if (name.equals("close")) {
                    stmtClosed[0] = true;
                    return null;
                }
                if (name.equals("isClosed")) {
                    return stmtClosed[0] || closed;
                }
                if (name.equals("getConnection")) {
                    return self;
                }
                if (name.startsWith("execute")) {
                    String sql = args != null && args.length > 0 && args[0] instanceof String ? (String) args[0] : preparedSql;
                    SQLException failure = failingSql.get(sql);
                    if (failure == null) {
                        failure = failingSql.get(number + ":" + sql);
                    }
                    if (failure != null) {
                        throw failure;
                    }
                    if (closed || stmtClosed[0]) {
                        throw new SQLException("fake statement closed", "08003");
                    }
                    if (name.equals("executeQuery")) {
                        return emptyResultSet();
                    }
                }
                return defaultValue(m.getReturnType());
            };
            return Proxy.newProxyInstance(FakeJdbc.class.getClassLoader(), new Class<?>[] {type}, h);
        }

        private ResultSet emptyResultSet() {
            return (ResultSet) Proxy.newProxyInstance(FakeJdbc.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                    (proxy, m, args) -> m.getName().equals("hashCode") ? System.identityHashCode(proxy)
                            : m.getName().equals("equals") ? proxy == args[0] : defaultValue(m.getReturnType()));
        }
    }

    private final class FakeDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return newConnection(null);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return newConnection(username);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("fake");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
