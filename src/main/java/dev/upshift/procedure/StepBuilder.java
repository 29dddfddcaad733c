package dev.upshift.procedure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Makes a catalogue step concrete: the manual's text and defaults from the catalogue, the rest per server. */
final class StepBuilder {

    private final StepDefinition definition;
    private String server;
    private final List<Command> commands = new ArrayList<>();
    private final List<SkipReason> omitted = new ArrayList<>();
    private SkipReason skip;
    private Gate gate = Gate.NONE;
    private boolean recheckLeader;

    private StepBuilder(StepDefinition definition) {
        this.definition = definition;
    }

    static StepBuilder step(ProcedureCatalogue catalogue, StepKey key) {
        return new StepBuilder(catalogue.step(key));
    }

    StepBuilder on(String serverId) {
        this.server = serverId;
        return this;
    }

    StepBuilder run(Collection<? extends Command> more) {
        commands.addAll(more);
        return this;
    }

    StepBuilder run(Command... more) {
        return run(List.of(more));
    }

    StepBuilder omit(SkipReason reason) {
        omitted.add(reason);
        return this;
    }

    StepBuilder skip(SkipReason reason) {
        this.skip = reason;
        return this;
    }

    StepBuilder gate(Gate g) {
        this.gate = g;
        return this;
    }

    StepBuilder recheckLeader(boolean recheck) {
        this.recheckLeader = recheck;
        return this;
    }

    PlannedStep build() {
        // A skipped step keeps no commands: nothing of it may run by accident.
        List<Command> planned = skip == null ? commands : List.of();
        return new PlannedStep(definition.key(), server, definition.section(), definition.text(), definition.actor(),
                planned, new Verification(kindOf(definition.key()), definition.verifiedBy()), definition.retrySafe(),
                skip, omitted, gate, recheckLeader);
    }

    private static Verification.Kind kindOf(StepKey key) {
        return switch (key) {
            case PRE_PLANNING -> Verification.Kind.CLUSTER_STATE;
            case PRE_PREPARE_CONF, ROLLING_WRITE_LOAD_ADVISORY -> Verification.Kind.OPERATOR;
            case SRV_STOP, RR_STOP_OLD, OFF_STOP_ALL, OFF_RR_STOP, RB_STOP_ALL -> Verification.Kind.MEMBER_STOPPED;
            case SRV_VERIFY_JOINED, RR_START_STORE_COPY, RR_VERIFY_JOINED, OFF_RR_START, RB_RR_START -> Verification.Kind.MEMBER_JOINED;
            case OFF_SEED_START_UPGRADE -> Verification.Kind.STORE_UPGRADED;
            case OFF_START_CORES, RB_START_CORES -> Verification.Kind.CLUSTER_FORMED;
            default -> Verification.Kind.EXIT_CODE;
        };
    }
}
