package dev.upshift.security;

import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/** Ends a user's open sessions, so that disabling a user or changing a role takes effect at once. */
@Component
class SessionTerminator {

    private final SessionRegistry sessions;

    SessionTerminator(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    void endSessionsOf(String username) {
        for (Object principal : sessions.getAllPrincipals()) {
            String name = principal instanceof UserDetails u ? u.getUsername() : String.valueOf(principal);
            if (name.equals(username)) {
                sessions.getAllSessions(principal, false).forEach(s -> s.expireNow());
            }
        }
    }
}
