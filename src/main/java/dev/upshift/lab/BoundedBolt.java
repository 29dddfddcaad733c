package dev.upshift.lab;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.upshift.neo4j.Neo4jUnavailableException;

/**
 * Runs a Bolt call with a hard time limit. Driver 1.7 can block forever while closing its pool when a member accepts
 * the TCP connection but drops the Bolt handshake (seen on half-started members); the lab must not hang with it.
 * The stuck call stays on its daemon thread; the caller moves on as if the member were unreachable.
 */
final class BoundedBolt {

    private BoundedBolt() {
    }

    static <T> T call(URI bolt, Duration limit, Callable<T> call) {
        FutureTask<T> task = new FutureTask<>(call);
        Thread t = new Thread(task, "lab-bolt-" + bolt.getHost());
        t.setDaemon(true);
        t.start();
        try {
            return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Neo4jUnavailableException("Bolt at " + bolt + " did not answer within " + limit.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new Neo4jUnavailableException("Bolt at " + bolt + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Neo4jUnavailableException("Interrupted while asking " + bolt, e);
        }
    }
}
