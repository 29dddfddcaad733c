package dev.upshift.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Gives each full-app test context what a fresh machine would: its own in-memory H2 database, its own temporary
 * data directory, and {@code UPSHIFT_ADMIN_PASSWORD} as a real environment variable would provide it.
 */
public class ItEnvironment implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ADMIN_PASSWORD = "It-panel-pass-4821";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("it-environment", variables(true)));
    }

    static Map<String, Object> variables(boolean withAdminPassword) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("upshift-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> env = new HashMap<>();
        env.put("UPSHIFT_DATA_DIR", dataDir.toString());
        env.put("SPRING_DATASOURCE_URL", "jdbc:h2:mem:it-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        if (withAdminPassword) {
            env.put("UPSHIFT_ADMIN_PASSWORD", ADMIN_PASSWORD);
        }
        return env;
    }

    /** The same, but without an admin password: the first start must generate one. */
    public static class WithoutAdminPassword implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new SystemEnvironmentPropertySource("it-environment", variables(false)));
        }
    }
}
