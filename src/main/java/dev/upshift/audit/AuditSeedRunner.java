package dev.upshift.audit;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code seed} profile: starts the panel on its database, appends {@code --audit-events=N} synthetic events
 * (default 1,000,000) through the hash chain, verifies the chain and exits. See docs/lead-guide.md.
 */
@Component
@Profile("seed")
class AuditSeedRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AuditSeedRunner.class);

    private final AuditSeeder seeder;
    private final AuditChainVerifier verifier;
    private final ConfigurableApplicationContext context;

    AuditSeedRunner(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditChainVerifier verifier,
                    ConfigurableApplicationContext context) {
        this.seeder = new AuditSeeder(jdbc, transactions);
        this.verifier = verifier;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> values = args.getOptionValues("audit-events");
        long count = values == null || values.isEmpty() ? 1_000_000 : Long.parseLong(values.get(0).replace("_", ""));
        long began = System.nanoTime();
        long total = seeder.append(count, Duration.ofDays(365));
        long seconds = Math.max((System.nanoTime() - began) / 1_000_000_000, 1);
        log.info("Seeded {} audit events in {} s ({} events/s); the chain now holds {}", count, seconds,
                count / seconds, total);
        log.info("Chain check: {}", verifier.verify());
        System.exit(SpringApplication.exit(context, () -> 0));
    }
}
