package dev.upshift.run;

import java.time.Instant;

/** One stored output line of a step. */
public record OutputLineView(int seq, Instant at, String stream, String text) {

    static OutputLineView of(StepOutputLine l) {
        return new OutputLineView(l.getSeq(), l.getAt(), l.getStream(), l.getText());
    }
}
