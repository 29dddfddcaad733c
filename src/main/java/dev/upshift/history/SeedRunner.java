package dev.upshift.history;

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

import dev.upshift.audit.AuditChainVerifier;
import dev.upshift.audit.AuditSeeder;

/**
 * The {@code seed} profile: starts the panel on its database, brings the audit log to {@code --audit-events=N}
 * events (default 1,000,000; only the difference is appended, through the hash chain) and seeds {@code --runs=N}
 * synthetic runs (default 10,000; skipped when seeded runs exist), verifies the chain and exits. Either may be 0.
 * See docs/lead-guide.md.
 */
@Component
@Profile("seed")
class SeedRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedRunner.class);
    private static final Duration SPAN = Duration.ofDays(365);

    private final AuditSeeder audit;
    private final RunSeeder runs;
    private final AuditChainVerifier verifier;
    private final ConfigurableApplicationContext context;

    SeedRunner(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditChainVerifier verifier,
               ConfigurableApplicationContext context) {
        this.audit = new AuditSeeder(jdbc, transactions);
        this.runs = new RunSeeder(jdbc, transactions);
        this.verifier = verifier;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        long events = number(args, "audit-events", 1_000_000);
        long missing = events - audit.events();
        if (missing > 0) {
            long began = System.nanoTime();
            long total = audit.append(missing, SPAN);
            long seconds = Math.max((System.nanoTime() - began) / 1_000_000_000, 1);
            log.info("Seeded {} audit events in {} s ({} events/s); the chain now holds {}", missing, seconds,
                    missing / seconds, total);
        } else {
            log.info("Not seeding audit events: the chain already holds {} (asked for {})", audit.events(), events);
        }
        int count = (int) number(args, "runs", 10_000);
        if (count > 0) {
            runs.seed(count, SPAN).ifPresent(r -> log.info("Seeded {} runs in {} s: {} steps, {} output lines, {} checks, "
                    + "{} membership changes", r.runs(), r.took().toSeconds(), r.steps(), r.outputLines(), r.checks(), r.changes()));
        }
        log.info("Chain check: {}", verifier.verify());
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    private static long number(ApplicationArguments args, String name, long fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : Long.parseLong(values.get(0).replace("_", ""));
    }
}
