package dev.upshift.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The chain's hash: SHA-256 (hex) of the previous event's hash followed by the canonical form of this event, a
 * sorted-key JSON object of id, occurredAt (ISO-8601 UTC), actor, action, targetType, targetId and the details text.
 */
final class AuditHashing {

    static final String GENESIS = "0".repeat(64);

    private AuditHashing() {
    }

    static String hash(String prevHash, long id, Instant occurredAt, String actor, String action, String targetType,
                       String targetId, String details) {
        return sha256Hex(prevHash + canonicalForm(id, occurredAt, actor, action, targetType, targetId, details));
    }

    static String canonicalForm(long id, Instant occurredAt, String actor, String action, String targetType,
                                String targetId, String details) {
        TreeMap<String, Object> fields = new TreeMap<>();
        fields.put("id", id);
        fields.put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(occurredAt));
        fields.put("actor", actor);
        fields.put("action", action);
        fields.put("targetType", targetType);
        fields.put("targetId", targetId);
        fields.put("details", details);
        return CanonicalJson.write(fields);
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
