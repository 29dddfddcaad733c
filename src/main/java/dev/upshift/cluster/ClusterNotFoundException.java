package dev.upshift.cluster;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

public class ClusterNotFoundException extends ResponseStatusException {

    public ClusterNotFoundException(Long id) {
        super(HttpStatus.NOT_FOUND, "No cluster with id " + id);
    }
}
