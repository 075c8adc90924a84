package org.watchpost.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies pending migrations. All pending steps run inside ONE transaction, each step in
 * its own savepoint: if any step fails, everything rolls back and the file is exactly as
 * it was (the schema version included), and start-up stops with a {@link MigrationException}.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private Migrator() {
    }

    public static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** @return number of steps applied */
    public static int migrate(Connection c, List<Migration> migrations) {
        int from;
        try {
            from = currentVersion(c);
        } catch (SQLException e) {
            throw new StoreException("cannot read the schema version: " + e.getMessage(), e);
        }
        int latest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        if (from > latest) {
            throw new MigrationException(from, "the database has schema version " + from
                    + " but this Watchpost only knows up to " + latest + "; it was written by a newer Watchpost", null);
        }
        List<Migration> pending = migrations.stream().filter(m -> m.version() > from).toList();
        if (pending.isEmpty()) return 0;
        boolean autoCommit;
        try {
            autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw new StoreException("cannot start the migration transaction: " + e.getMessage(), e);
        }
        Migration current = null;
        try (Statement st = c.createStatement()) {
            for (Migration m : pending) {
                current = m;
                st.execute("SAVEPOINT m" + m.version());
                for (String sql : m.statements()) st.execute(sql);
                st.execute("PRAGMA user_version = " + m.version());
                st.execute("RELEASE SAVEPOINT m" + m.version());
                LOG.info("schema migrated to version {} ({})", m.version(), m.description());
            }
            c.commit();
            return pending.size();
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            int v = current == null ? -1 : current.version();
            throw new MigrationException(v, "database migration " + v + " (" + (current == null ? "?" : current.description())
                    + ") failed: " + e.getMessage() + ". Nothing was changed; the file is as it was at version " + from + ".", e);
        } finally {
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // connection is closed by the caller anyway
            }
        }
    }
}
