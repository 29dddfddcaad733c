package dev.upshift.procedure;

import java.util.List;

/**
 * One step of a plan: a catalogue step made concrete for one server (or for the whole cluster when
 * {@code server} is null).
 *
 * @param section                the manual's reference, e.g. {@code 5.3.2.1 1b}
 * @param text                   the manual's instruction
 * @param commands               what to do, rendered for the server(s), in order; empty for operator steps
 * @param skip                   non-null when the manual makes this step conditional and the condition does not hold
 * @param omitted                conditional parts of the step that are not planned, with why (e.g. the data copy)
 * @param gate                   what the engine must see before starting it
 * @param recheckLeaderAtRuntime set on the first step of a core's rolling phase: its position assumes the leader
 *                               known at planning time; leadership moves, so before starting the phase the engine
 *                               re-applies {@link RollingOrder#next} with the roles it sees and may take another
 *                               core's phase first
 */
public record PlannedStep(StepKey key, String server, String section, String text, Actor actor,
                          List<Command> commands, Verification verification, boolean retrySafe, SkipReason skip,
                          List<SkipReason> omitted, Gate gate, boolean recheckLeaderAtRuntime) {

    public PlannedStep {
        commands = List.copyOf(commands);
        omitted = List.copyOf(omitted);
    }

    public boolean isSkipped() {
        return skip != null;
    }

    public boolean isClusterWide() {
        return server == null;
    }

    /** The commands as the operator would type them. */
    public List<String> commandLines() {
        return commands.stream().map(Command::display).toList();
    }
}
