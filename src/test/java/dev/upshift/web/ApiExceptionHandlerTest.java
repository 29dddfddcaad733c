package dev.upshift.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.NoSuchElementException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

class ApiExceptionHandlerTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ThingApi())
            .setControllerAdvice(new ApiExceptionHandler()).build();

    @Test
    void invalidBodyIs400WithFieldErrors() throws Exception {
        mvc.perform(post("/api/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].message").value("Enter a name."));
    }

    @Test
    void aServiceLevelFieldErrorIs400Too() throws Exception {
        mvc.perform(post("/api/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"taken\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].message").value("Already taken."));
    }

    @Test
    void missingIs404AndDeniedIs403() throws Exception {
        mvc.perform(get("/api/things/missing"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("No thing 7"));
        mvc.perform(get("/api/things/secret"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
    }

    record Thing(@NotBlank(message = "Enter a name.") String name) {
    }

    @RestController
    static class ThingApi {

        @PostMapping("/api/things")
        Thing create(@Valid @RequestBody Thing thing) throws BindException {
            if (thing.name().equals("taken")) {
                MapBindingResult result = new MapBindingResult(new java.util.HashMap<>(), "thing");
                result.addError(new FieldError("thing", "name", "Already taken."));
                throw new BindException(result);
            }
            return thing;
        }

        @GetMapping("/api/things/missing")
        Thing missing() {
            throw new NoSuchElementException("No thing 7");
        }

        @GetMapping("/api/things/secret")
        Thing secret() {
            throw new AccessDeniedException("no");
        }
    }
}
