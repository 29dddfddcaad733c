package dev.upshift.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook's other end, as a team's chat bridge would be: a plain HTTP server on loopback that keeps the body of every
 * POST it receives and answers 204 (or 500 once, when told to fail the next delivery). It can go down (nothing listens
 * on its port: connections are refused) and come back up on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failNext = new AtomicBoolean();
    private final int port;
    private HttpServer server;

    public WebhookReceiver() {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    private HttpServer listen(int on) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 0);
            s.createContext("/hook", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(failNext.getAndSet(false) ? 500 : 204, -1);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to register as a cluster's webhook. */
    public String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** Every body received so far, in order. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The next delivery is answered 500 (a receiver that hiccups). */
    public void failNext() {
        failNext.set(true);
    }

    /** The receiver is down: its port refuses connections until {@link #up()}. */
    public synchronized void down() {
        if (server != null) server.stop(0);
        server = null;
    }

    /** Back on the same port. */
    public synchronized void up() {
        if (server == null) server = listen(port);
    }

    @Override
    public void close() {
        down();
    }
}
