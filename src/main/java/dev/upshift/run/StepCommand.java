package dev.upshift.run;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.upshift.procedure.Command;
import dev.upshift.procedure.ConfVariant;

/**
 * A planned {@link Command} as stored with its step and returned by the API: flat, so it reads well as JSON.
 *
 * @param type    {@code shell}, {@code cypher}, {@code upload-conf} or {@code transfer}
 * @param display what the operator would type or do
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepCommand(String type, String server, String display, String line, String query, String variant,
                          String path, String fromServer, String fromPath, String toPath) {

    public static StepCommand of(Command command) {
        // Java 17: no pattern matching in switch yet, so the sealed hierarchy is matched with instanceof.
        if (command instanceof Command.Shell s) {
            return new StepCommand("shell", s.server(), s.display(), s.line(), null, null, null, null, null, null);
        }
        if (command instanceof Command.Cypher c) {
            return new StepCommand("cypher", c.server(), c.display(), null, c.query(), null, null, null, null, null);
        }
        if (command instanceof Command.UploadConf u) {
            return new StepCommand("upload-conf", u.server(), u.display(), null, null, u.variant().name(), u.path(),
                    null, null, null);
        }
        Command.Transfer t = (Command.Transfer) command;
        return new StepCommand("transfer", t.server(), t.display(), null, null, null, null, t.fromServer(),
                t.fromPath(), t.toPath());
    }

    public Command toCommand() {
        return switch (type) {
            case "shell" -> new Command.Shell(server, line);
            case "cypher" -> new Command.Cypher(server, query);
            case "upload-conf" -> new Command.UploadConf(server, ConfVariant.valueOf(variant), path);
            case "transfer" -> new Command.Transfer(server, fromServer, fromPath, toPath);
            default -> throw new IllegalStateException("unknown stored command type " + type);
        };
    }
}
