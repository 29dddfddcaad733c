package dev.upshift;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class UpshiftApplication {

    public static void main(String[] args) {
        // H2's auto-server (AUTO_SERVER=TRUE in the datasource URL) would listen on every interface; it is there for
        // processes on this host only (an online backup, the seeding tool), so it listens on loopback unless told.
        if (System.getProperty("h2.bindAddress") == null) System.setProperty("h2.bindAddress", "127.0.0.1");
        SpringApplication.run(UpshiftApplication.class, args);
    }
}
