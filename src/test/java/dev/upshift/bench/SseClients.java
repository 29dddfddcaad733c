package dev.upshift.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Many plain-HTTP SSE subscribers in one session, each noting when it received a matching event. */
final class SseClients {

    /** One subscriber: counts membership events and records the arrival of the first one that matches. */
    static final class Subscriber implements Flow.Subscriber<String> {
        final AtomicInteger events = new AtomicInteger();
        volatile long matchedAtNanos;
        volatile Predicate<String> match = data -> false;
        private final StringBuilder data = new StringBuilder();
        private String event;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5)).append('\n');
            } else if (line.isEmpty()) {
                if ("membership".equals(event)) {
                    events.incrementAndGet();
                    if (matchedAtNanos == 0 && match.test(data.toString())) {
                        matchedAtNanos = System.nanoTime();
                    }
                }
                event = null;
                data.setLength(0);
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    final List<Subscriber> subscribers = new ArrayList<>();

    SseClients(String baseUrl, String user, String password) throws IOException, InterruptedException {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10)).build();
        String loginPage = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
        if (!token.find()) {
            throw new IllegalStateException("No CSRF token on the login page");
        }
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token.group(1));
        http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Opens {@code count} streams on the path; returns how long until every one had its first event (or the timeout). */
    Duration open(String path, int count, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Subscriber s = new Subscriber();
            subscribers.add(s);
            streams.add(http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(s)));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (subscribers.stream().anyMatch(s -> s.events.get() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    long connected() {
        return subscribers.stream().filter(s -> s.events.get() > 0).count();
    }

    void matchNext(Predicate<String> match) {
        subscribers.forEach(s -> {
            s.matchedAtNanos = 0;
            s.match = match;
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
