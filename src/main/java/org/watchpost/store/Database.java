package org.watchpost.store;

import com.j256.ormlite.jdbc.JdbcPooledConnectionSource;
import com.j256.ormlite.jdbc.JdbcSingleConnectionSource;
import com.j256.ormlite.support.ConnectionSource;
import com.j256.ormlite.support.DatabaseConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one owner of the Watchpost SQLite file. Migrates it on open, then serves reads from a
 * small pool of connections and funnels every write through a single writer thread and
 * connection (SQLite allows one writer at a time; WAL lets readers run beside it).
 */
public final class Database implements AutoCloseable {
    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    static {
        // ORMLite logs through SLF4J like the rest; naming it spares the probing of five other logging libraries
        if (System.getProperty("com.j256.simplelogger.backend") == null) {
            System.setProperty("com.j256.simplelogger.backend", "SLF4J");
        }
    }

    private final Path file;
    private final String url;
    private final Connection writerConnection;
    private final JdbcSingleConnectionSource writerSource;
    private final JdbcPooledConnectionSource readerSource;
    private final ExecutorService writer;
    private volatile Thread writerThread;
    private volatile boolean closed;

    private Database(Path file, List<Migration> migrations) {
        this.file = file.toAbsolutePath();
        this.url = "jdbc:sqlite:" + this.file;
        ensureTempDir();
        SqliteNative.prepare();
        try {
            Path parent = this.file.getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create the folder for the database " + this.file + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(this.file)) throw new StoreException(this.file + " is a folder, not a database file");
        Connection c = null;
        try {
            c = DriverManager.getConnection(url);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = 10000");
                st.execute("PRAGMA foreign_keys = ON");
            }
            checkIsSqlite(c);
            Migrator.migrate(c, migrations);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
            }
            this.writerConnection = c;
            this.writerSource = new JdbcSingleConnectionSource(url, c);
            this.writerSource.initialize();
            this.readerSource = new JdbcPooledConnectionSource(url + "?busy_timeout=10000&foreign_keys=true");
            this.readerSource.setMaxConnectionsFree(4);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new StoreException("cannot open the database " + this.file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "watchpost-db-writer");
            t.setDaemon(true);
            writerThread = t;
            return t;
        });
    }

    public static Database open(Path file) {
        return new Database(file, Schema.all());
    }

    /** For tests: open with an explicit migration list. */
    public static Database open(Path file, List<Migration> migrations) {
        return new Database(file, migrations);
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one transaction on the writer thread and waits for its result. */
    public <T> T write(Work<T> work) {
        if (Thread.currentThread() == writerThread) return inTransaction(work);
        Future<T> f = writeAsync(work);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing to the database", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            throw new StoreException("database write failed: " + cause.getMessage(), cause);
        }
    }

    /** Queues {@code work} for the writer thread. */
    public <T> Future<T> writeAsync(Work<T> work) {
        if (closed) throw new StoreException("the database is closed");
        return writer.submit(() -> inTransaction(work));
    }

    private <T> T inTransaction(Work<T> work) {
        try {
            writerConnection.setAutoCommit(false);
            try {
                T result = work.run(writerConnection);
                writerConnection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writerConnection.rollback();
                throw e;
            } finally {
                writerConnection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        }
    }

    /** Runs read-only {@code work} on the calling thread with a pooled connection. */
    public <T> T read(Work<T> work) {
        if (closed) throw new StoreException("the database is closed");
        DatabaseConnection dc = null;
        try {
            dc = readerSource.getReadOnlyConnection(null);
            return work.run((Connection) dc.getUnderlyingConnection());
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            if (dc != null) {
                try {
                    readerSource.releaseConnection(dc);
                } catch (SQLException ignored) {
                    // the pool drops a broken connection by itself
                }
            }
        }
    }

    /** ORMLite source bound to the writer connection: use it only inside {@link #write}. */
    public ConnectionSource writerSource() {
        return writerSource;
    }

    /** ORMLite source for reads. */
    public ConnectionSource readerSource() {
        return readerSource;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) writer.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            readerSource.close();
        } catch (Exception ignored) {
            // closing
        }
        closeQuietly(writerConnection);
    }

    private static void checkIsSqlite(Connection c) {
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT count(*) FROM sqlite_master").close();
        } catch (SQLException e) {
            throw new StoreException("the file is not a Watchpost database (" + e.getMessage() + ")", e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing useful to do
        }
    }

    /** sqlite-jdbc unpacks its native library into java.io.tmpdir, which must exist. */
    private static void ensureTempDir() {
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp == null) return;
        try {
            Files.createDirectories(Path.of(tmp));
        } catch (IOException | RuntimeException ignored) {
            // sqlite-jdbc reports its own error if it really cannot load
        }
    }
}
