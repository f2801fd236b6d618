package io.pensu.flink.graphite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for carbon's plaintext listener: records every line received, and can go away and come
 * back on the same port. (The end-to-end test uses the real carbon.)
 */
final class RecordingCarbon implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final int port;
    private ServerSocket server;

    RecordingCarbon() throws IOException {
        server = listen(0);
        port = server.getLocalPort();
    }

    HostAndPort address() {
        return new HostAndPort("127.0.0.1", port);
    }

    List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** Waits until at least {@code count} lines arrived; fails after the timeout. */
    List<String> awaitLines(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lines.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " lines, got " + lines);
            }
            Thread.sleep(50);
        }
        return lines();
    }

    /** Closes the listener and every connection, as a stopped carbon does. */
    void goAway() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        clients.clear();
    }

    void comeBack() throws IOException {
        server = listen(port);
    }

    private ServerSocket listen(int onPort) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", onPort));
        Thread acceptor = new Thread(() -> accept(socket), "recording-carbon-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return socket;
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                Thread reader = new Thread(() -> record(client), "recording-carbon-read");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void record(Socket client) {
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The connection was closed by goAway().
        }
    }

    @Override
    public void close() throws IOException {
        goAway();
    }
}
