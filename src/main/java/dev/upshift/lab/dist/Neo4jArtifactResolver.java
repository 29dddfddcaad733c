package dev.upshift.lab.dist;

import java.nio.file.Path;
import java.util.List;

import dev.upshift.lab.LabException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code org.neo4j.app:neo4j-server-enterprise:<version>} and its whole runtime dependency tree from Maven
 * Central, in-process with Maven Resolver. The Maven local repository is the cache: a version resolved once (by the
 * lab or by a Maven build) costs no download the second time.
 */
public class Neo4jArtifactResolver {

    private static final Logger log = LoggerFactory.getLogger(Neo4jArtifactResolver.class);

    private final Path localRepository;
    private final RemoteRepository central;

    public Neo4jArtifactResolver(Path localRepository, String remoteUrl) {
        this.localRepository = localRepository;
        // id "central" so artifacts a Maven build already fetched count as cached (the local repository tracks origin by id)
        this.central = new RemoteRepository.Builder("central", "default", remoteUrl).build();
    }

    /** Throws a {@link LabException} unless Maven Central has Neo4j Enterprise {@code version} (one POM, cached). */
    public void requireExists(String version) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .build()) {
            requirePom(system, session, version);
        } finally {
            system.shutdown();
        }
    }

    private void requirePom(RepositorySystem system, CloseableSession session, String version) {
        try {
            system.resolveArtifact(session, new ArtifactRequest(
                    new DefaultArtifact("org.neo4j.app", "neo4j-server-enterprise", "pom", version), List.of(central), null));
        } catch (ArtifactResolutionException e) {
            throw new LabException("Neo4j Enterprise " + version + " is not on Maven Central"
                    + " (org.neo4j.app:neo4j-server-enterprise:" + version + " could not be resolved)", e);
        }
    }

    /** The jars of Neo4j Enterprise {@code version}, server and every runtime dependency. */
    public List<Path> resolve(String version) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .build()) {
            Artifact root = new DefaultArtifact("org.neo4j.app", "neo4j-server-enterprise", "jar", version);
            // Ask for the POM first: a version Central does not have fails here with a clear cause.
            requirePom(system, session, version);
            CollectRequest collect = new CollectRequest(new Dependency(root, JavaScopes.RUNTIME), List.of(central));
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<Path> jars = system.resolveDependencies(session, request).getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact)
                    .filter(a -> "jar".equals(a.getExtension()))
                    .map(Artifact::getPath)
                    .toList();
            log.info("Resolved Neo4j Enterprise {}: {} jars", version, jars.size());
            return jars;
        } catch (DependencyResolutionException e) {
            throw new LabException("The dependencies of Neo4j Enterprise " + version + " could not be resolved from "
                    + central.getUrl() + ": " + e.getMessage(), e);
        } finally {
            system.shutdown();
        }
    }
}
