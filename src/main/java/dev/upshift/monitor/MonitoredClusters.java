package dev.upshift.monitor;

import java.util.List;

/** The source of clusters to poll (the registry); an interface so the monitor can be tested without a database. */
public interface MonitoredClusters {

    List<MonitoredCluster> all();
}
