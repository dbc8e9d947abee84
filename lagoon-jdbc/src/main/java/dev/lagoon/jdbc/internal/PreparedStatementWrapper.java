package dev.lagoon.jdbc.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.util.Calendar;

/**
 * A borrower's {@link PreparedStatement}. When the pool has a statement cache and the
 * statement came from a cacheable {@code prepareStatement} overload, {@code close()} clears
 * its parameters, batch, warnings and open result set and hands it back to the connection's
 * cache instead of closing it; a statement whose settings (fetch size, max rows, timeouts...)
 * the borrower changed is closed instead, so no borrower inherits them.
 */
public class PreparedStatementWrapper extends StatementWrapper implements PreparedStatement {

    final PreparedStatement ps;
    private final StatementKey cacheKey;

    PreparedStatementWrapper(LeasedConnection connection, PreparedStatement ps, StatementKey cacheKey) {
        super(connection, ps);
        this.ps = ps;
        this.cacheKey = cacheKey;
    }

    @Override
    void closeDelegate() throws SQLException {
        StatementCache cache = connection.physical().statementCache();
        if (cacheKey == null || cache == null || settingsChanged || connection.physical().isBroken()) {
            ps.close();
            return;
        }
        try {
            ResultSet open = ps.getResultSet();
            if (open != null) {
                open.close();
            }
            ps.clearParameters();
            ps.clearBatch();
            ps.clearWarnings();
        } catch (SQLException e) {
            onError(e);
            ps.close();
            return;
        }
        cache.put(cacheKey, ps);
    }

    // ---- plain delegation ------------------------------------------------------------------

    @Override
    public ResultSet executeQuery() throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(ps.executeQuery());
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        checkOpen();
        try {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        checkOpen();
        try {
            ps.setNull(parameterIndex, sqlType);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        checkOpen();
        try {
            ps.setBoolean(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        checkOpen();
        try {
            ps.setByte(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        checkOpen();
        try {
            ps.setShort(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        checkOpen();
        try {
            ps.setInt(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        checkOpen();
        try {
            ps.setLong(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        checkOpen();
        try {
            ps.setFloat(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        checkOpen();
        try {
            ps.setDouble(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        checkOpen();
        try {
            ps.setBigDecimal(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        checkOpen();
        try {
            ps.setString(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        checkOpen();
        try {
            ps.setBytes(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setDate(int parameterIndex, java.sql.Date x) throws SQLException {
        checkOpen();
        try {
            ps.setDate(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setTime(int parameterIndex, java.sql.Time x) throws SQLException {
        checkOpen();
        try {
            ps.setTime(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setTimestamp(int parameterIndex, java.sql.Timestamp x) throws SQLException {
        checkOpen();
        try {
            ps.setTimestamp(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, java.io.InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            ps.setAsciiStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Deprecated
    @Override
    public void setUnicodeStream(int parameterIndex, java.io.InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            ps.setUnicodeStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setBinaryStream(int parameterIndex, java.io.InputStream x, int length) throws SQLException {
        checkOpen();
        try {
            ps.setBinaryStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        try {
            ps.clearParameters();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        checkOpen();
        try {
            ps.setObject(parameterIndex, x, targetSqlType);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        checkOpen();
        try {
            ps.setObject(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean execute() throws SQLException {
        checkOpen();
        try {
            return ps.execute();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        try {
            ps.addBatch();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setCharacterStream(int parameterIndex, java.io.Reader reader, int length) throws SQLException {
        checkOpen();
        try {
            ps.setCharacterStream(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        checkOpen();
        try {
            ps.setRef(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        checkOpen();
        try {
            ps.setBlob(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        checkOpen();
        try {
            ps.setClob(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        checkOpen();
        try {
            ps.setArray(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        try {
            return ps.getMetaData();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setDate(int parameterIndex, java.sql.Date x, Calendar cal) throws SQLException {
        checkOpen();
        try {
            ps.setDate(parameterIndex, x, cal);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setTime(int parameterIndex, java.sql.Time x, Calendar cal) throws SQLException {
        checkOpen();
        try {
            ps.setTime(parameterIndex, x, cal);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setTimestamp(int parameterIndex, java.sql.Timestamp x, Calendar cal) throws SQLException {
        checkOpen();
        try {
            ps.setTimestamp(parameterIndex, x, cal);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        checkOpen();
        try {
            ps.setNull(parameterIndex, sqlType, typeName);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setURL(int parameterIndex, java.net.URL x) throws SQLException {
        checkOpen();
        try {
            ps.setURL(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        try {
            return ps.getParameterMetaData();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        checkOpen();
        try {
            ps.setRowId(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        checkOpen();
        try {
            ps.setNString(parameterIndex, value);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        checkOpen();
        try {
            ps.setNCharacterStream(parameterIndex, value, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        checkOpen();
        try {
            ps.setNClob(parameterIndex, value);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            ps.setClob(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        checkOpen();
        try {
            ps.setBlob(parameterIndex, inputStream, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            ps.setNClob(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        checkOpen();
        try {
            ps.setSQLXML(parameterIndex, xmlObject);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        checkOpen();
        try {
            ps.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, java.io.InputStream x, long length) throws SQLException {
        checkOpen();
        try {
            ps.setAsciiStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setBinaryStream(int parameterIndex, java.io.InputStream x, long length) throws SQLException {
        checkOpen();
        try {
            ps.setBinaryStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setCharacterStream(int parameterIndex, java.io.Reader reader, long length) throws SQLException {
        checkOpen();
        try {
            ps.setCharacterStream(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, java.io.InputStream x) throws SQLException {
        checkOpen();
        try {
            ps.setAsciiStream(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setBinaryStream(int parameterIndex, java.io.InputStream x) throws SQLException {
        checkOpen();
        try {
            ps.setBinaryStream(parameterIndex, x);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setCharacterStream(int parameterIndex, java.io.Reader reader) throws SQLException {
        checkOpen();
        try {
            ps.setCharacterStream(parameterIndex, reader);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        checkOpen();
        try {
            ps.setNCharacterStream(parameterIndex, value);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        checkOpen();
        try {
            ps.setClob(parameterIndex, reader);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        checkOpen();
        try {
            ps.setBlob(parameterIndex, inputStream);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        checkOpen();
        try {
            ps.setNClob(parameterIndex, reader);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        checkOpen();
        try {
            ps.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        checkOpen();
        try {
            ps.setObject(parameterIndex, x, targetSqlType);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        try {
            return ps.executeLargeUpdate();
        } catch (SQLException e) {
            throw onError(e);
        }
    }
}
