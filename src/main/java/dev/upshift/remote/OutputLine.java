package dev.upshift.remote;

import java.time.Instant;

/** One line a remote command printed, with when it arrived and on which stream. */
public record OutputLine(Instant at, Stream stream, String text) {

    public enum Stream { STDOUT, STDERR }

    @Override
    public String toString() {
        return (stream == Stream.STDERR ? "[err] " : "") + text;
    }
}
