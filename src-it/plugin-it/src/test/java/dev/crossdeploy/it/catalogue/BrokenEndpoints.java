package dev.crossdeploy.it.catalogue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Endpoints that fail the way networks fail, on loopback ports of this JVM: one that resets every
 * connection as soon as it is accepted, one that accepts and never answers, and a port where
 * nothing listens.
 */
final class BrokenEndpoints implements AutoCloseable {
    private final ServerSocket resetting;
    private final ServerSocket silent;
    private final int closedPort;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    BrokenEndpoints() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        resetting = new ServerSocket(0, 50, loopback);
        silent = new ServerSocket(0, 50, loopback);
        try (ServerSocket probe = new ServerSocket(0, 50, loopback)) {
            closedPort = probe.getLocalPort();
        }
        daemon("resetting-endpoint", () -> {
            while (!resetting.isClosed()) {
                Socket s = resetting.accept();
                s.setSoLinger(true, 0); // close with RST: "Connection reset" on the client
                s.close();
            }
        });
        daemon("silent-endpoint", () -> {
            while (!silent.isClosed()) held.add(silent.accept()); // read nothing, answer nothing
        });
    }

    String resetting() { return "http://127.0.0.1:" + resetting.getLocalPort(); }

    String silent() { return "http://127.0.0.1:" + silent.getLocalPort(); }

    String refusing() { return "http://127.0.0.1:" + closedPort; }

    private static void daemon(String name, IoLoop loop) {
        Thread t = new Thread(() -> {
            try {
                loop.run();
            } catch (IOException closed) {
                // close() ends the loop
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        resetting.close();
        silent.close();
        for (Socket s : held) s.close();
    }

    @FunctionalInterface
    private interface IoLoop {
        void run() throws IOException;
    }
}
