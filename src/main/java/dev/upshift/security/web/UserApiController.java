package dev.upshift.security.web;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.upshift.security.Role;
import dev.upshift.security.UserService;
import dev.upshift.security.UserValidationException;
import dev.upshift.security.UserView;

/** {@code /api/users}: the user management of the Users page, for ADMINs, as JSON. */
@RestController
@RequestMapping("/api/users")
class UserApiController {

    private final UserService users;

    UserApiController(UserService users) {
        this.users = users;
    }

    @GetMapping
    List<UserView> list() {
        return users.list();
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable long id) {
        return users.get(id);
    }

    @PostMapping
    ResponseEntity<UserView> create(@Valid @RequestBody UserApiRequests.NewUser request) throws BindException {
        try {
            UserView created = users.create(request.username(), request.password(), Role.valueOf(request.role()));
            return ResponseEntity.created(URI.create("/api/users/" + created.id())).body(created);
        } catch (UserValidationException e) {
            throw fieldError("newUser", e);
        }
    }

    @PutMapping("/{id}")
    UserView update(@PathVariable long id, @Valid @RequestBody UserApiRequests.UserUpdate request)
            throws BindException {
        try {
            return users.update(id, request.role() == null ? null : Role.valueOf(request.role()), request.enabled(),
                    request.password());
        } catch (UserValidationException e) {
            throw fieldError("userUpdate", e);
        }
    }

    private static BindException fieldError(String objectName, UserValidationException e) {
        MapBindingResult result = new MapBindingResult(new java.util.HashMap<>(), objectName);
        result.addError(new FieldError(objectName, e.field(), e.getMessage()));
        return new BindException(result);
    }
}
