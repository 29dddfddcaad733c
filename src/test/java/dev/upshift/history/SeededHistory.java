package dev.upshift.history;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.upshift.security.ItEnvironment;

/**
 * What the run history ITs over HTTP share: the whole app behind MockMvc in one Spring context (the same for every
 * subclass, so one H2 database), with the runs of {@link HistorySeed} written into that database once, and requests
 * as a lead (an auditor).
 */
@SpringBootTest(properties = "it.context=history")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = ItEnvironment.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SeededHistory {

    static final String SHA = HistorySeed.SHA;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    /** The id of gamma's reviewed run. */
    long reviewed;

    /** The first class to run in the context seeds its database; the others find the seeded runs there. */
    @BeforeAll
    void seed() {
        reviewed = HistorySeed.once(jdbc);
    }

    static MockHttpServletRequestBuilder asLead(String path) {
        return get(path).with(user("lead").roles("AUDITOR"));
    }
}
