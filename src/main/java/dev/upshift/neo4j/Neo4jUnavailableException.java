package dev.upshift.neo4j;

/** A member could not be reached or answered with an error; the message says which and why, for a person. */
public class Neo4jUnavailableException extends RuntimeException {

    public Neo4jUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
