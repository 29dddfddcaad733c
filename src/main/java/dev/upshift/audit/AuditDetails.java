package dev.upshift.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns an event's details into canonical JSON and keeps secrets out of it: any value under a key that names a
 * secret (password, private key, passphrase, secret, token, ...) and any string that looks like PEM key material
 * becomes {@value #REDACTED}, however deeply it is nested.
 */
public final class AuditDetails {

    public static final String REDACTED = "[redacted]";

    /** Longest details text an event may carry (the column holds 65535 characters). */
    static final int MAX_LENGTH = 65_535;

    private static final List<String> SECRET_KEY_PARTS = List.of(
            "password", "passwd", "passphrase", "secret", "token", "privatekey", "apikey", "masterkey", "credentials");

    private static final Pattern KEY_MATERIAL = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|PuTTY-User-Key-File");

    private AuditDetails() {
    }

    /** @return canonical JSON of the details with secrets redacted ({@code {}} for null) */
    public static String toJson(Map<String, ?> details) {
        String json = CanonicalJson.write(details == null ? Map.of() : redact(details));
        if (json.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Audit details are too long (" + json.length() + " characters, at most "
                    + MAX_LENGTH + "): record a summary, not the data");
        }
        return json;
    }

    /** @return true if a details key names something secret */
    public static boolean isSecretKey(String key) {
        String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return SECRET_KEY_PARTS.stream().anyMatch(normalized::contains);
    }

    private static Object redact(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                out.put(key, isSecretKey(key) && v != null ? REDACTED : redact(v));
            });
            return out;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> out = new ArrayList<>();
            items.forEach(item -> out.add(redact(item)));
            return out;
        }
        if (value instanceof char[] || value instanceof byte[]) {
            return REDACTED; // raw character or byte buffers are how secrets travel; never write them
        }
        if (value instanceof Object[] array) {
            return redact(java.util.Arrays.asList(array));
        }
        if (value instanceof CharSequence s && KEY_MATERIAL.matcher(s).find()) {
            return REDACTED;
        }
        return value;
    }
}
