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
 * POST it receives and answers 204 (or 500 once, when told to fail the next delivery).
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failNext = new AtomicBoolean();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(failNext.getAndSet(false) ? 500 : 204, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL to register as a cluster's webhook. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every body received so far, in order. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The next delivery is answered 500 (a receiver that hiccups). */
    public void failNext() {
        failNext.set(true);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
