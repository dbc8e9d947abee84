package dev.lagoon.bench.jdbc.stub;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The result of a stub query: one row whose every column is SQL {@code NULL}. Forward-only and
 * read-only.
 */
final class StubResultSet implements ResultSet {
    private final Statement statement;
    private boolean closed;
    /** 0 before the first row, 1 on it, 2 after it. */
    private int row;

    StubResultSet(Statement statement) {
        this.statement = statement;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("result set is closed", "HY010");
        }
    }

    private void checkRow() throws SQLException {
        checkOpen();
        if (row != 1) {
            throw new SQLException("no current row", "24000");
        }
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void afterLast() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public void close() throws SQLException {
        closed = true;
    }

    @Override
    public void deleteRow() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        return 1;
    }

    @Override
    public boolean first() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        checkRow();
        return false;
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        checkRow();
        return false;
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public String getCursorName() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public Date getDate(String columnLabel, Calendar cal) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return row == 1 ? 1 : 0;
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        checkRow();
        return 0;
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Time getTime(String columnLabel, Calendar cal) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        checkRow();
        return null;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void insertRow() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return row > 1;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0;
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return row == 1;
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this);
    }

    @Override
    public boolean last() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        return ++row == 1;
    }

    @Override
    public boolean previous() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public boolean rowInserted() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public void updateArray(String columnLabel, Array x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateArray(int columnIndex, Array x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBlob(String columnLabel, InputStream x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBlob(String columnLabel, InputStream x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBlob(String columnLabel, Blob x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBlob(int columnIndex, InputStream x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBlob(int columnIndex, InputStream x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBlob(int columnIndex, Blob x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBoolean(String columnLabel, boolean x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBoolean(int columnIndex, boolean x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateByte(String columnLabel, byte x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateByte(int columnIndex, byte x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBytes(String columnLabel, byte[] x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateBytes(int columnIndex, byte[] x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x, int length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateClob(String columnLabel, Reader x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateClob(String columnLabel, Reader x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateClob(String columnLabel, Clob x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateClob(int columnIndex, Reader x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateClob(int columnIndex, Reader x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateClob(int columnIndex, Clob x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateDate(String columnLabel, Date x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateDate(int columnIndex, Date x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateDouble(String columnLabel, double x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateDouble(int columnIndex, double x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateFloat(String columnLabel, float x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateFloat(int columnIndex, float x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateInt(String columnLabel, int x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateInt(int columnIndex, int x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateLong(String columnLabel, long x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateLong(int columnIndex, long x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNClob(String columnLabel, Reader x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNClob(String columnLabel, Reader x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNClob(String columnLabel, NClob x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNClob(int columnIndex, Reader x, long length) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNClob(int columnIndex, Reader x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNClob(int columnIndex, NClob x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNString(String columnLabel, String x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNString(int columnIndex, String x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateNull(int columnIndex) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateObject(String columnLabel, Object x, int targetSqlType) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateObject(String columnLabel, Object x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateObject(int columnIndex, Object x, int targetSqlType) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateObject(int columnIndex, Object x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateRef(String columnLabel, Ref x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateRef(int columnIndex, Ref x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateRow() throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateRowId(String columnLabel, RowId x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateRowId(int columnIndex, RowId x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateShort(String columnLabel, short x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateShort(int columnIndex, short x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateString(String columnLabel, String x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateString(int columnIndex, String x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateTime(String columnLabel, Time x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateTime(int columnIndex, Time x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stub driver does not support this");
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkRow();
        return true;
    }
}
