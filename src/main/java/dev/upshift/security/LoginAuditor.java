package dev.upshift.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.upshift.audit.JpaAuditLog;

/**
 * Audits sign-ins: {@code auth.login_succeeded} for an interactive (form) login, {@code auth.login_failed} for any
 * failed attempt, form or HTTP Basic. The actor is the username that was tried; the password is never recorded.
 * Successful Basic calls are not audited (each API call authenticates).
 */
class LoginAuditor {

    private static final Logger log = LoggerFactory.getLogger(LoginAuditor.class);

    private final ObjectProvider<JpaAuditLog> audit;

    LoginAuditor(ObjectProvider<JpaAuditLog> audit) {
        this.audit = audit;
    }

    AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();
        redirect.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("via", "form");
            details.put("remoteAddress", request.getRemoteAddr());
            audit.ifAvailable(auditLog -> auditLog.recordAs(authentication.getName(), "auth.login_succeeded", "user", null,
                    details));
            redirect.onAuthenticationSuccess(request, response, authentication);
        };
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason(event.getException()));
        HttpServletRequest request = currentRequest();
        if (request != null) {
            String uri = request.getRequestURI().substring(request.getContextPath().length());
            details.put("via", uri.startsWith("/api/") ? "basic" : "form");
            details.put("remoteAddress", request.getRemoteAddr());
        }
        String tried = event.getAuthentication() == null ? null : event.getAuthentication().getName();
        try {
            String actor = tried == null || tried.isBlank() ? "(blank)" : tried;
            audit.ifAvailable(auditLog -> auditLog.recordAs(actor, "auth.login_failed", "user", null, details));
        } catch (RuntimeException e) {
            // the attempt is still refused; only its record is missing
            log.error("Could not audit a failed sign-in", e);
        }
    }

    private static String reason(AuthenticationException e) {
        if (e instanceof BadCredentialsException) {
            return "bad_credentials";
        } else if (e instanceof DisabledException) {
            return "disabled";
        } else if (e instanceof LockedException) {
            return "locked";
        } else if (e instanceof AccountExpiredException || e instanceof CredentialsExpiredException) {
            return "expired";
        }
        return "other";
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
