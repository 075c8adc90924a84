package org.watchpost.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Loopback listeners that misbehave: silent, flooding, or trickling one byte a second. */
public final class HostileListeners implements AutoCloseable {
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final List<Socket> accepted = java.util.Collections.synchronizedList(new ArrayList<>());

    public enum Kind { SILENT, FLOOD, TRICKLE }

    public int start(Kind kind) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        sockets.add(ss);
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                Socket s;
                try {
                    s = ss.accept();
                } catch (IOException e) {
                    return;
                }
                accepted.add(s);
                Thread w = new Thread(() -> serve(kind, s), "hostile-" + kind);
                w.setDaemon(true);
                w.start();
            }
        }, "hostile-accept-" + kind);
        t.setDaemon(true);
        t.start();
        return ss.getLocalPort();
    }

    private static void serve(Kind kind, Socket s) {
        long end = System.currentTimeMillis() + 60_000; // bounded even if nobody closes it
        try (s) {
            OutputStream out = s.getOutputStream();
            byte[] junk = new byte[16 * 1024];
            java.util.Arrays.fill(junk, (byte) 'A');
            while (System.currentTimeMillis() < end && !s.isClosed()) {
                switch (kind) {
                    case SILENT -> Thread.sleep(200);
                    case FLOOD -> out.write(junk);
                    case TRICKLE -> {
                        out.write('x');
                        out.flush();
                        Thread.sleep(1000);
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the scanner hung up: that is the point
        }
    }

    @Override
    public void close() throws IOException {
        for (ServerSocket s : sockets) s.close();
        synchronized (accepted) {
            for (Socket s : accepted) s.close();
        }
    }
}
