package dev.upshift.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.session.SessionInformationExpiredStrategy;

import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;

/**
 * For htmx requests that arrive after the session ended, answer with {@code HX-Refresh: true} so the whole page
 * reloads (and lands on the login page) instead of htmx swapping an error or the login form into a fragment.
 */
final class HtmxAware {

    private HtmxAware() {
    }

    static boolean isHtmx(HttpServletRequest request) {
        return request.getHeader("HX-Request") != null;
    }

    /**
     * Not signed in: an htmx request gets {@code HX-Refresh} (the page reloads and lands on the login form, rather
     * than the login form being swapped into a fragment); anything else is redirected to {@code /login}.
     */
    static AuthenticationEntryPoint authenticationEntryPoint() {
        AuthenticationEntryPoint htmx = new HxRefreshHeaderAuthenticationEntryPoint();
        AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, e) -> (isHtmx(request) ? htmx : login).commence(request, response, e);
    }

    static AccessDeniedHandler accessDeniedHandler() {
        AccessDeniedHandler standard = new AccessDeniedHandlerImpl();
        return (request, response, denied) -> {
            // A missing (not a wrong) CSRF token on an htmx request means the session it belonged to is gone.
            if (isHtmx(request) && denied instanceof MissingCsrfTokenException) {
                response.setHeader("HX-Refresh", "true");
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            standard.handle(request, response, denied);
        };
    }

    static SessionInformationExpiredStrategy expiredSessionStrategy() {
        return event -> {
            HttpServletRequest request = event.getRequest();
            HttpServletResponse response = event.getResponse();
            if (isHtmx(request)) {
                response.setHeader("HX-Refresh", "true");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(request.getContextPath() + "/login?expired");
            }
        };
    }
}
