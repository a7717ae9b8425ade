package io.cutover;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A port where a web server answers instead of PostgreSQL: what a wrong port in a URL
 * reaches.
 */
public final class NotPostgres implements AutoCloseable {

    private final ServerSocket socket;

    public NotPostgres() throws IOException {
        socket = new ServerSocket(0);
        Thread server = new Thread(this::answerLikeAWebServer, "not-postgres-" + socket.getLocalPort());
        server.setDaemon(true);
        server.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void answerLikeAWebServer() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept(); OutputStream out = s.getOutputStream()) {
                s.getInputStream().read(new byte[64]);
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}
