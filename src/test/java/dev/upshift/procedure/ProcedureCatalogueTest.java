package dev.upshift.procedure;

import org.junit.jupiter.api.Test;

import static dev.upshift.procedure.StepKey.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ProcedureCatalogueTest {

    private final ProcedureCatalogue catalogue = ProcedureCatalogue.standard();

    @Test
    void everyKeyHasTheManualsText() {
        assertThat(catalogue.all()).hasSize(StepKey.values().length).allSatisfy(s -> {
            assertThat(s.text()).isNotBlank();
            assertThat(s.section()).startsWith("5.3.");
            assertThat(s.verifiedBy()).isNotBlank();
        });
    }

    @Test
    void theOfflinePartListsSection3InOrder() {
        assertThat(catalogue.part(ProcedurePart.OFFLINE)).extracting(StepDefinition::key).containsExactly(
                OFF_STOP_ALL, OFF_SEED_MODE_SINGLE, OFF_SEED_INSTALL, OFF_SEED_START_UPGRADE, OFF_SEED_RESET_CONF,
                OFF_SEED_DUMP, OFF_SEED_UNBIND, OFF_CORE_DELETE_DB, OFF_CORE_INSTALL, OFF_CORE_MOVE_DBMS,
                OFF_CORE_UNBIND, OFF_CORE_LOAD, OFF_START_CORES, OFF_RR_STOP, OFF_RR_DELETE_DB, OFF_RR_INSTALL,
                OFF_RR_MOVE_DBMS, OFF_RR_LOAD, OFF_RR_START);
    }

    @Test
    void sectionsActorsAndRetrySafety() {
        assertThat(catalogue.all()).filteredOn(s -> !s.retrySafe()).extracting(StepDefinition::key)
                .containsExactly(OFF_SEED_START_UPGRADE, POST_FULL_BACKUP);
        assertThat(catalogue.all()).filteredOn(s -> s.actor() == Actor.OPERATOR).extracting(StepDefinition::key)
                .containsExactly(PRE_PREPARE_CONF, ROLLING_WRITE_LOAD_ADVISORY);
        assertThat(catalogue.all()).filteredOn(s -> s.actor() == Actor.PANEL_BOLT).extracting(StepDefinition::key)
                .containsExactly(PRE_PLANNING, SRV_VERIFY_JOINED, RR_VERIFY_JOINED);
        assertThat(catalogue.step(SRV_INSTALL)).extracting(StepDefinition::section, StepDefinition::part)
                .containsExactly("5.3.2.1 1b", ProcedurePart.ROLLING_FIXED);
        assertThat(catalogue.step(OFF_SEED_UNBIND).text()).contains("measured necessary");
        assertThat(catalogue.step(OFF_SEED_INSTALL).text()).contains("dbms.allow_upgrade=true");
        assertThat(catalogue.part(ProcedurePart.ROLLING_REPLACEABLE)).extracting(StepDefinition::key, StepDefinition::section)
                .containsExactly(tuple(RR_NEW_INSTANCE, "5.3.2.2 1"), tuple(RR_PLACE_CONF, "5.3.2.2 2"),
                        tuple(RR_MOVE_DBMS, "5.3.2.2 3"), tuple(RR_START_STORE_COPY, "5.3.2.2 4"),
                        tuple(RR_VERIFY_JOINED, "5.3.2.2 5"), tuple(RR_STOP_OLD, "5.3.2.2 6"));
    }
}
