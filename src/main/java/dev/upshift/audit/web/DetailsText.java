package dev.upshift.audit.web;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads an event's canonical details JSON back into a map for display. */
final class DetailsText {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DetailsText() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String details) {
        try {
            return JSON.readValue(details, LinkedHashMap.class);
        } catch (JacksonException | ClassCastException e) {
            return Map.of("details", details);
        }
    }
}
