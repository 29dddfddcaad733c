package dev.upshift.remote;

/** Receives a remote command's output while it runs (called from reader threads, one line at a time). */
@FunctionalInterface
public interface OutputListener {

    OutputListener NONE = line -> { };

    void onLine(OutputLine line);
}
