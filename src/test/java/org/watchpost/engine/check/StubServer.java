package org.watchpost.engine.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP server on 127.0.0.1, ephemeral port, one daemon thread per connection. */
final class StubServer implements AutoCloseable {
    @FunctionalInterface
    interface Handler {
        void handle(Socket s) throws Exception;
    }

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    StubServer(Handler h) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), h);
    }

    StubServer(ServerSocket ss, Handler h) {
        this.server = ss;
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setSoTimeout(5000);
                    open.add(s);
                    Thread w = new Thread(() -> {
                        try (s) {
                            h.handle(s);
                        } catch (Exception e) {
                            errors.add(e);
                        } finally {
                            open.remove(s);
                        }
                    }, "stub-conn");
                    w.setDaemon(true);
                    w.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "stub-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) s.close();
    }
}
