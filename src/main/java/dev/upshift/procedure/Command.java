package dev.upshift.procedure;

/**
 * One thing to do on one server, rendered exactly. In auto mode the panel does it; in manual mode the operator
 * does what {@link #display()} says and confirms.
 */
public sealed interface Command permits Command.Shell, Command.Cypher, Command.UploadConf, Command.Transfer {

    /** The id of the server it runs on (for a transfer: the receiving server). */
    String server();

    /** What the operator would type or do. */
    String display();

    /** A stable name for the API and the UI: {@code shell}, {@code cypher}, {@code upload-conf} or {@code transfer}. */
    default String kind() {
        if (this instanceof Shell) return "shell";
        if (this instanceof Cypher) return "cypher";
        if (this instanceof UploadConf) return "upload-conf";
        return "transfer";
    }

    /** A shell command line, run over SSH. */
    record Shell(String server, String line) implements Command {
        public String display() {
            return line;
        }
    }

    /** A Cypher statement run over Bolt against this member. */
    record Cypher(String server, String query) implements Command {
        public String display() {
            return query;
        }
    }

    /** Upload the run's prepared neo4j.conf of this variant for this server to {@code path} (the panel creates the parent directory). */
    record UploadConf(String server, ConfVariant variant, String path) implements Command {
        public String display() {
            return "put the prepared neo4j.conf (" + variant.fileSuffix() + ") for " + server + " at " + path;
        }
    }

    /** Copy a file from another server to this one, through the panel (SFTP). */
    record Transfer(String server, String fromServer, String fromPath, String toPath) implements Command {
        public String display() {
            return "copy " + fromServer + ":" + fromPath + " to " + server + ":" + toPath;
        }
    }
}
