package dev.upshift.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StackFrameTest {

    @Test
    void framesAreRecognisedAndMessagesAreNot() {
        assertThat(StepOutput.isStackFrame("\tat org.neo4j.commandline.admin.AdminTool.execute(AdminTool.java:127)")).isTrue();
        assertThat(StepOutput.isStackFrame("        at io.netty.channel.AbstractChannelHandlerContext.invokeChannelRead(AbstractChannelHandlerContext.java:362)")).isTrue();
        assertThat(StepOutput.isStackFrame("\t... 13 more")).isTrue();
        assertThat(StepOutput.isStackFrame("\tat org.eclipse.jetty.server.Server.start(Server.java:418) ~[jetty-server-9.4.11.jar:9.4.11]")).isTrue();
        assertThat(StepOutput.isStackFrame("Caused by: java.io.IOException: No space left on device")).isFalse();
        assertThat(StepOutput.isStackFrame("org.neo4j.commandline.admin.CommandFailed: Backup failed: No space left on device")).isFalse();
        assertThat(StepOutput.isStackFrame("at least 2 members must be up")).isFalse();
        assertThat(StepOutput.isStackFrame("  look at the file (it is there)")).isFalse();
    }
}
