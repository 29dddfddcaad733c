package dev.upshift.lab;

import java.nio.file.Path;

import dev.upshift.neo4j.BoltGateway;
import dev.upshift.remote.SshGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Wires the lab; on panel start it first stops what a previous run of the panel may have left running. */
@Configuration(proxyBeanMethods = false)
class LabConfiguration {

    @Bean(destroyMethod = "close")
    LabClusterManager labClusterManager(LabProperties properties, SshGateway ssh, BoltGateway bolt, Environment env) {
        LabProperties effective = properties;
        if (env.getProperty("upshift.lab.root") == null) {
            // default: under the panel's data directory
            Path root = Path.of(env.getProperty("upshift.data-dir", "./data"), "lab");
            effective = new LabProperties(root, properties.addressBase(), properties.addressCount(), properties.maxMembers(),
                    properties.sshPort(), properties.sshUser(), properties.heapSize(), properties.heapInitialSize(),
                    properties.pageCacheSize(), properties.formationTimeout(), properties.stopGracePeriod(),
                    properties.mavenRepository(), properties.localRepository(), properties.versions());
        }
        LabClusterManager manager = new LabClusterManager(effective, ssh, bolt);
        manager.sweep();
        return manager;
    }
}
