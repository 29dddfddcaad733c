package dev.upshift.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Times as filters type them, always UTC: {@code 2026-11-26T02:00:00Z}, {@code 2026-11-26T02:00} (what a
 * datetime-local input sends, read as UTC) or a bare date {@code 2026-11-26} (a whole day: as an end, the end of
 * that day). Shared by the audit and run-history filters so both read times alike.
 */
public final class UtcInput {

    private UtcInput() {
    }

    /**
     * @param what     the filter's name, for the message
     * @param endOfDay a bare date means the end of that day (for an exclusive "to")
     * @return null for a blank value
     * @throws IllegalArgumentException with a message for the reader when it is not a time
     */
    public static Instant parse(String what, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(Locale.ROOT));
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + what + "\" is not a UTC time like 2026-11-26T02:00:00Z, "
                    + "2026-11-26T02:00 or 2026-11-26: " + text);
        }
    }

    /** @return the value as a datetime-local input shows it (UTC, no zone), or as typed when it is not a time */
    public static String forInput(String value, boolean endOfDay) {
        try {
            Instant time = parse("time", value, endOfDay);
            return time == null ? null : LocalDateTime.ofInstant(time, ZoneOffset.UTC).toString();
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
