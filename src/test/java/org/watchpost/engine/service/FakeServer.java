package org.watchpost.engine.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A listener on 127.0.0.1, ephemeral port, that runs a protocol handler per connection on a
 * daemon thread. Every client socket has a read timeout so no handler can hang a test; close()
 * closes the listener and every connection.
 */
final class FakeServer implements AutoCloseable {

    interface Handler {
        void handle(Socket s) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private FakeServer(ServerSocket server, Handler handler) {
        this.server = server;
        Thread acceptor = new Thread(() -> acceptLoop(handler), "fake-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeServer start(Handler handler) throws IOException {
        return new FakeServer(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), handler);
    }

    /** Same, behind TLS with the self-signed test certificate (see src/test/resources README). */
    static FakeServer startTls(Handler handler) throws Exception {
        return new FakeServer(serverContext().getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName("127.0.0.1")), handler);
    }

    /** Server-side TLS context with the self-signed test certificate. */
    static SSLContext serverContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = FakeServer.class.getResourceAsStream("test-server.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private void acceptLoop(Handler handler) {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            clients.add(s);
            Thread t = new Thread(() -> {
                try (s) {
                    s.setSoTimeout(10_000);
                    handler.handle(s);
                } catch (IOException | InterruptedException | RuntimeException ignored) {
                    // the client went away or broke the protocol: like a real server, drop it
                } finally {
                    clients.remove(s);
                }
            }, "fake-conn-" + server.getLocalPort());
            t.setDaemon(true);
            t.start();
        }
    }

    InetAddress address() {
        return server.getInetAddress();
    }

    int port() {
        return server.getLocalPort();
    }

    HostPort hostPort() {
        return new HostPort(address(), port());
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : clients) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
