package dev.upshift.run;

import java.util.List;

import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores a step's commands as a JSON array of {@link StepCommand}. */
@Component
class StepCommands {

    private static final TypeReference<List<StepCommand>> LIST = new TypeReference<>() { };

    private final JsonMapper json;

    StepCommands(JsonMapper json) {
        this.json = json;
    }

    String write(List<StepCommand> commands) {
        return json.writeValueAsString(commands);
    }

    List<StepCommand> read(String stored) {
        return stored == null || stored.isBlank() ? List.of() : json.readValue(stored, LIST);
    }
}
