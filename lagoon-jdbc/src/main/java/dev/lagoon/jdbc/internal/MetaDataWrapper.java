package dev.lagoon.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * A borrower's {@link DatabaseMetaData}: {@link #getConnection()} answers the borrower's
 * connection, result sets are wrapped, driver exceptions are classified, and it stops working
 * when the connection is closed.
 */
public final class MetaDataWrapper implements DatabaseMetaData {

    private final LeasedConnection connection;
    private final DatabaseMetaData delegate;

    MetaDataWrapper(LeasedConnection connection, DatabaseMetaData delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    private void checkOpen() throws SQLException {
        connection.checkOpen();
    }

    private SQLException onError(SQLException e) {
        return connection.onError(e);
    }

    private ResultSet wrapResultSet(ResultSet rs) {
        return rs == null ? null : new ResultSetWrapper(rs, connection, null);
    }

    /** {@return the borrower's connection, never the driver's} */
    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        try {
            connection.physical().expose();
            if (iface.isInstance(delegate)) {
                return iface.cast(delegate);
            }
            return delegate.unwrap(iface);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this) || iface.isInstance(delegate)) {
            return true;
        }
        try {
            return delegate.isWrapperFor(iface);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    // ---- plain delegation ------------------------------------------------------------------

    @Override
    public boolean allProceduresAreCallable() throws SQLException {
        checkOpen();
        try {
            return delegate.allProceduresAreCallable();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean allTablesAreSelectable() throws SQLException {
        checkOpen();
        try {
            return delegate.allTablesAreSelectable();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getURL() throws SQLException {
        checkOpen();
        try {
            return delegate.getURL();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getUserName() throws SQLException {
        checkOpen();
        try {
            return delegate.getUserName();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        try {
            return delegate.isReadOnly();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean nullsAreSortedHigh() throws SQLException {
        checkOpen();
        try {
            return delegate.nullsAreSortedHigh();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean nullsAreSortedLow() throws SQLException {
        checkOpen();
        try {
            return delegate.nullsAreSortedLow();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean nullsAreSortedAtStart() throws SQLException {
        checkOpen();
        try {
            return delegate.nullsAreSortedAtStart();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean nullsAreSortedAtEnd() throws SQLException {
        checkOpen();
        try {
            return delegate.nullsAreSortedAtEnd();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getDatabaseProductName() throws SQLException {
        checkOpen();
        try {
            return delegate.getDatabaseProductName();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        checkOpen();
        try {
            return delegate.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getDriverName() throws SQLException {
        checkOpen();
        try {
            return delegate.getDriverName();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getDriverVersion() throws SQLException {
        checkOpen();
        try {
            return delegate.getDriverVersion();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getDriverMajorVersion() {
        return delegate.getDriverMajorVersion();
    }

    @Override
    public int getDriverMinorVersion() {
        return delegate.getDriverMinorVersion();
    }

    @Override
    public boolean usesLocalFiles() throws SQLException {
        checkOpen();
        try {
            return delegate.usesLocalFiles();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean usesLocalFilePerTable() throws SQLException {
        checkOpen();
        try {
            return delegate.usesLocalFilePerTable();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsMixedCaseIdentifiers();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean storesUpperCaseIdentifiers() throws SQLException {
        checkOpen();
        try {
            return delegate.storesUpperCaseIdentifiers();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean storesLowerCaseIdentifiers() throws SQLException {
        checkOpen();
        try {
            return delegate.storesLowerCaseIdentifiers();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean storesMixedCaseIdentifiers() throws SQLException {
        checkOpen();
        try {
            return delegate.storesMixedCaseIdentifiers();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsMixedCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
        checkOpen();
        try {
            return delegate.storesUpperCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
        checkOpen();
        try {
            return delegate.storesLowerCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
        checkOpen();
        try {
            return delegate.storesMixedCaseQuotedIdentifiers();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getIdentifierQuoteString() throws SQLException {
        checkOpen();
        try {
            return delegate.getIdentifierQuoteString();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getSQLKeywords() throws SQLException {
        checkOpen();
        try {
            return delegate.getSQLKeywords();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getNumericFunctions() throws SQLException {
        checkOpen();
        try {
            return delegate.getNumericFunctions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getStringFunctions() throws SQLException {
        checkOpen();
        try {
            return delegate.getStringFunctions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getSystemFunctions() throws SQLException {
        checkOpen();
        try {
            return delegate.getSystemFunctions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getTimeDateFunctions() throws SQLException {
        checkOpen();
        try {
            return delegate.getTimeDateFunctions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getSearchStringEscape() throws SQLException {
        checkOpen();
        try {
            return delegate.getSearchStringEscape();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getExtraNameCharacters() throws SQLException {
        checkOpen();
        try {
            return delegate.getExtraNameCharacters();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsAlterTableWithAddColumn();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsAlterTableWithDropColumn();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsColumnAliasing() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsColumnAliasing();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean nullPlusNonNullIsNull() throws SQLException {
        checkOpen();
        try {
            return delegate.nullPlusNonNullIsNull();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsConvert() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsConvert();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) throws SQLException {
        checkOpen();
        try {
            return delegate.supportsConvert(fromType, toType);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsTableCorrelationNames() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsTableCorrelationNames();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsDifferentTableCorrelationNames();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsExpressionsInOrderBy() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsExpressionsInOrderBy();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsOrderByUnrelated() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsOrderByUnrelated();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsGroupBy() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsGroupBy();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsGroupByUnrelated() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsGroupByUnrelated();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsGroupByBeyondSelect() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsGroupByBeyondSelect();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsLikeEscapeClause() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsLikeEscapeClause();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsMultipleResultSets() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsMultipleResultSets();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsMultipleTransactions() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsMultipleTransactions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsNonNullableColumns() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsNonNullableColumns();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsMinimumSQLGrammar() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsMinimumSQLGrammar();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsCoreSQLGrammar() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsCoreSQLGrammar();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsExtendedSQLGrammar() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsExtendedSQLGrammar();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsANSI92EntryLevelSQL();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsANSI92IntermediateSQL();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsANSI92FullSQL() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsANSI92FullSQL();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsIntegrityEnhancementFacility();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsOuterJoins() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsOuterJoins();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsFullOuterJoins() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsFullOuterJoins();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsLimitedOuterJoins() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsLimitedOuterJoins();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getSchemaTerm() throws SQLException {
        checkOpen();
        try {
            return delegate.getSchemaTerm();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getProcedureTerm() throws SQLException {
        checkOpen();
        try {
            return delegate.getProcedureTerm();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getCatalogTerm() throws SQLException {
        checkOpen();
        try {
            return delegate.getCatalogTerm();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean isCatalogAtStart() throws SQLException {
        checkOpen();
        try {
            return delegate.isCatalogAtStart();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public String getCatalogSeparator() throws SQLException {
        checkOpen();
        try {
            return delegate.getCatalogSeparator();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSchemasInDataManipulation() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSchemasInDataManipulation();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSchemasInProcedureCalls();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSchemasInTableDefinitions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSchemasInIndexDefinitions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSchemasInPrivilegeDefinitions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsCatalogsInDataManipulation();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsCatalogsInProcedureCalls();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsCatalogsInTableDefinitions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsCatalogsInIndexDefinitions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsCatalogsInPrivilegeDefinitions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsPositionedDelete() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsPositionedDelete();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsPositionedUpdate() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsPositionedUpdate();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSelectForUpdate() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSelectForUpdate();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsStoredProcedures() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsStoredProcedures();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInComparisons() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSubqueriesInComparisons();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInExists() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSubqueriesInExists();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInIns() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSubqueriesInIns();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSubqueriesInQuantifieds();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsCorrelatedSubqueries() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsCorrelatedSubqueries();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsUnion() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsUnion();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsUnionAll() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsUnionAll();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsOpenCursorsAcrossCommit();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsOpenCursorsAcrossRollback();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsOpenStatementsAcrossCommit();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsOpenStatementsAcrossRollback();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxBinaryLiteralLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxBinaryLiteralLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxCharLiteralLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxCharLiteralLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxColumnNameLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxColumnNameLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxColumnsInGroupBy() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxColumnsInGroupBy();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxColumnsInIndex() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxColumnsInIndex();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxColumnsInOrderBy() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxColumnsInOrderBy();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxColumnsInSelect() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxColumnsInSelect();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxColumnsInTable() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxColumnsInTable();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxConnections() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxConnections();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxCursorNameLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxCursorNameLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxIndexLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxIndexLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxSchemaNameLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxSchemaNameLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxProcedureNameLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxProcedureNameLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxCatalogNameLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxCatalogNameLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxRowSize() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxRowSize();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
        checkOpen();
        try {
            return delegate.doesMaxRowSizeIncludeBlobs();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxStatementLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxStatementLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxStatements() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxStatements();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxTableNameLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxTableNameLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxTablesInSelect() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxTablesInSelect();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getMaxUserNameLength() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxUserNameLength();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getDefaultTransactionIsolation() throws SQLException {
        checkOpen();
        try {
            return delegate.getDefaultTransactionIsolation();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsTransactions() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsTransactions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
        checkOpen();
        try {
            return delegate.supportsTransactionIsolationLevel(level);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsDataDefinitionAndDataManipulationTransactions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsDataManipulationTransactionsOnly();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
        checkOpen();
        try {
            return delegate.dataDefinitionCausesTransactionCommit();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
        checkOpen();
        try {
            return delegate.dataDefinitionIgnoredInTransactions();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getProcedures(catalog, schemaPattern, procedureNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getTables(catalog, schemaPattern, tableNamePattern, types));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getSchemas());
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getCatalogs());
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getTableTypes());
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getColumnPrivileges(catalog, schema, table, columnNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getTablePrivileges(catalog, schemaPattern, tableNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getBestRowIdentifier(catalog, schema, table, scope, nullable));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getVersionColumns(catalog, schema, table));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getPrimaryKeys(catalog, schema, table));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getImportedKeys(catalog, schema, table));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getExportedKeys(catalog, schema, table));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getCrossReference(parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getTypeInfo());
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getIndexInfo(catalog, schema, table, unique, approximate));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsResultSetType(int type) throws SQLException {
        checkOpen();
        try {
            return delegate.supportsResultSetType(type);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
        checkOpen();
        try {
            return delegate.supportsResultSetConcurrency(type, concurrency);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) throws SQLException {
        checkOpen();
        try {
            return delegate.ownUpdatesAreVisible(type);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean ownDeletesAreVisible(int type) throws SQLException {
        checkOpen();
        try {
            return delegate.ownDeletesAreVisible(type);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean ownInsertsAreVisible(int type) throws SQLException {
        checkOpen();
        try {
            return delegate.ownInsertsAreVisible(type);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) throws SQLException {
        checkOpen();
        try {
            return delegate.othersUpdatesAreVisible(type);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean othersDeletesAreVisible(int type) throws SQLException {
        checkOpen();
        try {
            return delegate.othersDeletesAreVisible(type);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean othersInsertsAreVisible(int type) throws SQLException {
        checkOpen();
        try {
            return delegate.othersInsertsAreVisible(type);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean updatesAreDetected(int type) throws SQLException {
        checkOpen();
        try {
            return delegate.updatesAreDetected(type);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean deletesAreDetected(int type) throws SQLException {
        checkOpen();
        try {
            return delegate.deletesAreDetected(type);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean insertsAreDetected(int type) throws SQLException {
        checkOpen();
        try {
            return delegate.insertsAreDetected(type);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsBatchUpdates() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsBatchUpdates();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getUDTs(catalog, schemaPattern, typeNamePattern, types));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSavepoints() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSavepoints();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsNamedParameters() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsNamedParameters();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsMultipleOpenResults() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsMultipleOpenResults();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsGetGeneratedKeys() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsGetGeneratedKeys();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getSuperTypes(catalog, schemaPattern, typeNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getSuperTables(catalog, schemaPattern, tableNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) throws SQLException {
        checkOpen();
        try {
            return delegate.supportsResultSetHoldability(holdability);
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        try {
            return delegate.getResultSetHoldability();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        checkOpen();
        try {
            return delegate.getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        checkOpen();
        try {
            return delegate.getDatabaseMinorVersion();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getJDBCMajorVersion() throws SQLException {
        checkOpen();
        try {
            return delegate.getJDBCMajorVersion();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getJDBCMinorVersion() throws SQLException {
        checkOpen();
        try {
            return delegate.getJDBCMinorVersion();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public int getSQLStateType() throws SQLException {
        checkOpen();
        try {
            return delegate.getSQLStateType();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean locatorsUpdateCopy() throws SQLException {
        checkOpen();
        try {
            return delegate.locatorsUpdateCopy();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsStatementPooling() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsStatementPooling();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public RowIdLifetime getRowIdLifetime() throws SQLException {
        checkOpen();
        try {
            return delegate.getRowIdLifetime();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getSchemas(catalog, schemaPattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsStoredFunctionsUsingCallSyntax();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
        checkOpen();
        try {
            return delegate.autoCommitFailureClosesAllResultSets();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getClientInfoProperties());
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getFunctions(catalog, schemaPattern, functionNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
        checkOpen();
        try {
            return wrapResultSet(delegate.getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean generatedKeyAlwaysReturned() throws SQLException {
        checkOpen();
        try {
            return delegate.generatedKeyAlwaysReturned();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public long getMaxLogicalLobSize() throws SQLException {
        checkOpen();
        try {
            return delegate.getMaxLogicalLobSize();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsRefCursors() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsRefCursors();
        } catch (SQLException e) {
            throw onError(e);
        }
    }

    @Override
    public boolean supportsSharding() throws SQLException {
        checkOpen();
        try {
            return delegate.supportsSharding();
        } catch (SQLException e) {
            throw onError(e);
        }
    }
}
