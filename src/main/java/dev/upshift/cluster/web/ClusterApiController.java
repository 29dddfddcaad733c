package dev.upshift.cluster.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.upshift.cluster.ClusterCommand;
import dev.upshift.cluster.ClusterDetails;
import dev.upshift.cluster.ClusterDiscovery;
import dev.upshift.cluster.ClusterService;
import dev.upshift.cluster.ClusterValidationException;
import dev.upshift.cluster.Discovery;
import dev.upshift.remote.SshGateway;

/** JSON API of the cluster registry; the same service and rules as the pages. */
@RestController
@RequestMapping("/api/clusters")
class ClusterApiController {

    private final ClusterService clusters;
    private final ClusterDiscovery discovery;
    private final SshGateway ssh;

    ClusterApiController(ClusterService clusters, ClusterDiscovery discovery, SshGateway ssh) {
        this.clusters = clusters;
        this.discovery = discovery;
        this.ssh = ssh;
    }

    record DiscoverRequest(String boltUri, String username, String password) {
    }

    record HostKeyRequest(String address, Integer port) {
    }

    @GetMapping
    List<ClusterDetails> list() {
        return clusters.list();
    }

    @GetMapping("/{id}")
    ClusterDetails get(@PathVariable Long id) {
        return clusters.get(id);
    }

    @PostMapping
    ResponseEntity<ClusterDetails> create(@RequestBody ClusterCommand command) {
        ClusterDetails created = clusters.create(command);
        return ResponseEntity.created(URI.create("/api/clusters/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    ClusterDetails update(@PathVariable Long id, @RequestBody ClusterCommand command) {
        return clusters.update(id, command);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable Long id) {
        clusters.delete(id);
    }

    /** Proposes servers from one member's Bolt address (changes nothing). */
    @PostMapping("/discover")
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    Discovery discover(@RequestBody DiscoverRequest request) {
        return discovery.discover(request.boltUri(), request.username(), request.password());
    }

    /** First contact: the fingerprint a server presents, for a person to compare and confirm. */
    @PostMapping("/host-key")
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    Map<String, String> hostKey(@RequestBody HostKeyRequest request) {
        int port = request.port() == null ? 22 : request.port();
        return Map.of("address", request.address(), "port", String.valueOf(port),
                "fingerprint", ssh.fetchHostKeyFingerprint(request.address(), port));
    }

    @ExceptionHandler(ClusterValidationException.class)
    ProblemDetail invalid(ClusterValidationException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The cluster was not saved: " + String.join(" ", e.fieldErrors().values()));
        problem.setTitle("Invalid cluster");
        // the API's one error shape (see ApiExceptionHandler): a list of {field, message}
        problem.setProperty("errors", e.fieldErrors().entrySet().stream()
                .map(error -> Map.of("field", error.getKey(), "message", error.getValue())).toList());
        return problem;
    }
}
