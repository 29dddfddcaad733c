package dev.upshift.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The verdict on the audit chain.
 *
 * @param intact             true if every event links to the one before it and matches its own hash
 * @param checked            how many events were found valid (before the first broken one, if any)
 * @param firstBrokenEventId the first event that does not verify (null when intact)
 * @param reason             why it does not verify (null when intact)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainVerification(boolean intact, long checked, Long firstBrokenEventId, String reason) {

    static ChainVerification intact(long checked) {
        return new ChainVerification(true, checked, null, null);
    }

    static ChainVerification broken(long checked, long eventId, String reason) {
        return new ChainVerification(false, checked, eventId, reason);
    }
}
