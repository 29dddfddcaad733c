package dev.upshift.audit.web;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;

import dev.upshift.audit.AuditEntry;

/**
 * Audit events as RFC 4180 CSV: a header line, CRLF line ends, and a field quoted (its quotes doubled) when it holds
 * a comma, a quote, a CR or an LF. An empty field is an absent value (no target). Values are written as stored — no
 * spreadsheet-formula defusing — because an audit export must be byte-faithful to the chain it came from.
 */
final class AuditCsv {

    static final String HEADER = "id,occurred_at,actor,action,target_type,target_id,details,prev_hash,hash";

    private AuditCsv() {
    }

    static void writeHeader(Writer out) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
    }

    static void writeRow(Writer out, AuditEntry e) throws IOException {
        out.write(Long.toString(e.id()));
        out.write(',');
        out.write(DateTimeFormatter.ISO_INSTANT.format(e.occurredAt()));
        for (String field : new String[] {e.actor(), e.action(), e.targetType(), e.targetId(), e.details(),
                e.prevHash(), e.hash()}) {
            out.write(',');
            out.write(field(field));
        }
        out.write("\r\n");
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
