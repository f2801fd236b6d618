package io.pensu.flink.graphite;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP connection to carbon's plaintext listener that survives carbon going away: a batch is sent
 * again, whole, on a new connection until it is written and flushed, with a growing pause between
 * attempts. Carbon overwrites a point with the same name and timestamp, so a line sent twice does
 * no harm.
 */
final class CarbonConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CarbonConnection.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final HostAndPort address;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Socket socket;
    private Writer writer;

    CarbonConnection(HostAndPort address, Duration firstBackoff, Duration maxBackoff) {
        this.address = address;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * Writes and flushes the lines, reconnecting as often as needed.
     *
     * @return false when {@link #stop()} was called before the lines were written
     */
    boolean send(List<String> lines) throws InterruptedException {
        Duration backoff = firstBackoff;
        while (stopped.getCount() > 0) {
            try {
                ensureConnected();
                for (String line : lines) {
                    writer.write(line);
                }
                writer.flush();
                return true;
            } catch (IOException e) {
                disconnect();
                LOG.warn(
                        "Cannot write to carbon at {} ({}); retrying in {} ms",
                        address,
                        e.toString(),
                        backoff.toMillis());
                if (stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return false;
                }
                Duration doubled = backoff.multipliedBy(2);
                backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
            }
        }
        return false;
    }

    /** Ends a {@link #send} that waits for carbon; safe from another thread. */
    void stop() {
        stopped.countDown();
    }

    private void ensureConnected() throws IOException {
        if (socket != null && peerClosed()) {
            LOG.info("Carbon at {} closed the connection; reconnecting", address);
            disconnect();
        }
        if (socket == null) {
            Socket fresh = new Socket();
            try {
                fresh.connect(
                        new InetSocketAddress(address.host(), address.port()),
                        CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                fresh.close();
                throw e;
            }
            socket = fresh;
            OutputStream out = fresh.getOutputStream();
            writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            LOG.info("Connected to carbon at {}", address);
        }
    }

    /**
     * Carbon never writes on the plaintext port, so a read that sees the end of the stream means it
     * closed the connection (e.g. it restarted). Without this check the first batch after a restart
     * would be written into a dead connection's buffer and be lost.
     */
    private boolean peerClosed() {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("Closing the carbon connection failed", e);
            }
        }
        socket = null;
        writer = null;
    }

    @Override
    public void close() {
        disconnect();
    }
}
