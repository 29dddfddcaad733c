package dev.upshift.procedure.conf;

import dev.upshift.procedure.ConfToPrepare;
import dev.upshift.procedure.ConfVariant;
import dev.upshift.procedure.InstallDetails;
import dev.upshift.procedure.InstallType;
import dev.upshift.procedure.Method;
import dev.upshift.procedure.Plan;
import dev.upshift.procedure.PlanRequest;
import dev.upshift.procedure.Planner;
import dev.upshift.procedure.ServerRole;
import dev.upshift.procedure.ServerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** What the lead does in PRE_PREPARE_CONF: for each conf of a plan, derive it from the current one and validate it. */
class PlanConfsTest {

    /** The lab core 1 conf as another member has it: its own hosts and mode, the same discovery members. */
    private static String currentConf(String address, String mode) {
        String members = "causal_clustering.initial_discovery_members=10.0.0.11:5000,10.0.0.12:5000,10.0.0.13:5000";
        return Confs.CORE_335.replace(members, "@members").replace("10.0.0.11", address).replace("@members", members)
                .replace("dbms.mode=CORE", "dbms.mode=" + mode);
    }

    @Test
    void everyConfOfAnOfflinePlanDerivesIntoAnAcceptableFile() {
        List<ServerSpec> servers = List.of(
                ServerSpec.packaged("core-1", "10.0.0.11", ServerRole.FOLLOWER, InstallType.DEB),
                ServerSpec.packaged("core-2", "10.0.0.12", ServerRole.LEADER, InstallType.DEB),
                ServerSpec.packaged("core-3", "10.0.0.13", ServerRole.FOLLOWER, InstallType.DEB),
                ServerSpec.packaged("rr-1", "10.0.0.21", ServerRole.READ_REPLICA, InstallType.DEB));
        Plan plan = Planner.standard().plan(PlanRequest.of(servers, "3.3.5", "3.4.6", Method.OFFLINE, Map.<String, InstallDetails>of()));
        Map<String, String> current = Map.of(
                "core-1", currentConf("10.0.0.11", "CORE"), "core-2", currentConf("10.0.0.12", "CORE"),
                "core-3", currentConf("10.0.0.13", "CORE"), "rr-1", currentConf("10.0.0.21", "READ_REPLICA"));

        for (ConfToPrepare c : plan.confs()) {
            ConfTarget target = ConfTarget.of(plan, c);
            DerivedConf derived = ConfDeriver.standard().derive(NeoConf.parse(current.get(c.basedOn())), target);
            List<ConfProblem> problems = ConfValidator.standard().validate(derived.conf(), target);
            assertThat(problems).as(c.server() + " " + c.variant())
                    .extracting(ConfProblem::severity, ConfProblem::key)
                    .containsExactly(tuple(ConfProblem.Severity.WARNING, "causal_clustering.expected_core_cluster_size"));
            assertThat(derived.conf().get("dbms.mode")).contains(c.variant() == ConfVariant.SEED_UPGRADE ? "SINGLE"
                    : c.role() == ServerRole.READ_REPLICA ? "READ_REPLICA" : "CORE");
        }
    }
}
