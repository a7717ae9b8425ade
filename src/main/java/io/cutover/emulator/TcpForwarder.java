package io.cutover.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * What {@code fly proxy} does over WireGuard, done on loopback: accept on 127.0.0.1:local
 * and copy bytes both ways to the target for every connection, until the process is
 * killed.
 */
final class TcpForwarder {

    private final int localPort;

    private final String targetHost;

    private final int targetPort;

    TcpForwarder(int localPort, String targetHost, int targetPort) {
        this.localPort = localPort;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Binds first, so that a busy port fails the command the way flyctl's does. */
    ServerSocket bind() {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
            return server;
        }
        catch (java.net.BindException e) {
            throw new FlyError("listen tcp 127.0.0.1:" + localPort + ": bind: address already in use", e);
        }
        catch (IOException e) {
            throw new FlyError("listen tcp 127.0.0.1:" + localPort + ": " + e.getMessage(), e);
        }
    }

    /** Serves connections forever (until the socket is closed or the process ends). */
    void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                forward(client);
            }
            catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(targetHost, targetPort), 5000);
        }
        catch (IOException e) {
            close(client);
            close(upstream);
            return;
        }
        start(client, upstream, "proxy-up");
        start(upstream, client, "proxy-down");
    }

    /**
     * Plain threads: one per direction; when either side ends, both sockets are closed.
     */
    private static void start(Socket from, Socket to, String name) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            }
            catch (IOException ignored) {
                // a side closed; closing both below ends the other direction as well
            }
            finally {
                close(from);
                close(to);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException ignored) {
            // already closed
        }
    }

}
