package dev.upshift.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.upshift.lab.host.LabKeys;
import dev.upshift.lab.host.LabSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The gateway against a real SSH server (Apache MINA SSHD on 127.0.0.1), not a mock. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SshjGatewayTest {

    private Path dir;

    private LabSshServer server;
    private LabKeys keys;
    private SshTarget target;
    private final SshjGateway gateway = new SshjGateway(new RemoteProperties(Duration.ofSeconds(5)));

    @BeforeAll
    void startServer(@TempDir Path tempDir) {
        dir = tempDir;
        keys = LabKeys.loadOrCreate(dir.resolve("client"));
        server = LabSshServer.start("127.0.0.1", 0, dir.resolve("host/hostkey"), "tester", keys.publicKey(), dir,
                Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString()));
        target = SshTarget.withKey("127.0.0.1", server.port(), "tester", keys.privateKeyPem(), server.fingerprint());
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void firstContactReturnsTheServersFingerprintWithoutLoggingIn() {
        assertThat(gateway.fetchHostKeyFingerprint("127.0.0.1", server.port()))
                .startsWith("SHA256:").isEqualTo(server.fingerprint());
    }

    @Test
    void execStreamsStdoutAndStderrWhileTheCommandRuns() {
        List<OutputLine> seen = new CopyOnWriteArrayList<>();
        ExecResult result = gateway.exec(target, "echo one; echo two >&2; sleep 1; echo three; exit 3",
                Duration.ofSeconds(20), seen::add);

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stdout()).isEqualTo("one\nthree");
        assertThat(result.stderr()).isEqualTo("two");
        assertThat(seen).extracting(OutputLine::text).containsExactlyInAnyOrder("one", "two", "three");
        OutputLine one = seen.stream().filter(l -> l.text().equals("one")).findFirst().orElseThrow();
        OutputLine three = seen.stream().filter(l -> l.text().equals("three")).findFirst().orElseThrow();
        // "one" was delivered while the command was still sleeping, not all at the end
        assertThat(Duration.between(one.at(), three.at())).isGreaterThan(Duration.ofMillis(700));
    }

    @Test
    void aTimeoutClosesTheChannelAndSaysSo() {
        ExecResult result = gateway.exec(target, "echo started; sleep 30", Duration.ofSeconds(1));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.took()).isLessThan(Duration.ofSeconds(10));
        assertThat(result.stdout()).isEqualTo("started");
        assertThat(result.summary()).contains("timed out");
    }

    @Test
    void aConnectionDroppedMidCommandIsNeverASuccess() throws Exception {
        CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(() ->
                gateway.exec(target, "echo started; sleep 5; echo finished", Duration.ofSeconds(30)));
        Thread.sleep(1_500);
        server.outage();
        try {
            ExecResult result;
            try {
                result = running.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(SshException.class);
                result = null;
            }
            if (result != null) {
                assertThat(result.succeeded()).as("a command cut off by the dropped connection: " + result).isFalse();
                assertThat(result.stdout()).doesNotContain("finished");
            }
        } finally {
            server.back();
        }
        assertThat(gateway.exec(target, "echo back", Duration.ofSeconds(10)).stdout()).contains("back");
    }

    @Test
    void aServerPresentingAnotherKeyIsRefused() {
        String wrong = "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(new byte[32]);

        assertThatThrownBy(() -> gateway.exec(target.withFingerprint(wrong), "true", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(HostKeyMismatchException.class, e -> {
                    assertThat(e.expected()).isEqualTo(wrong);
                    assertThat(e.presented()).isEqualTo(server.fingerprint());
                    assertThat(e.getMessage()).contains(wrong, server.fingerprint());
                });
    }

    @Test
    void aClientKeyTheServerDoesNotKnowIsRefused() {
        LabKeys other = LabKeys.loadOrCreate(dir.resolve("other"));
        SshTarget stranger = SshTarget.withKey("127.0.0.1", server.port(), "tester", other.privateKeyPem(), server.fingerprint());

        assertThatThrownBy(() -> gateway.exec(stranger, "true", Duration.ofSeconds(5)))
                .isInstanceOf(SshException.class).hasMessageContaining("refused the login of tester");
    }

    @Test
    void sftpRoundTrip() throws Exception {
        byte[] content = "dbms.mode=CORE\n".getBytes(StandardCharsets.UTF_8);
        String remote = dir.resolve("uploaded.conf").toString();

        gateway.upload(target, content, remote);
        assertThat(gateway.download(target, remote)).isEqualTo(content);

        Path local = dir.resolve("local.bin");
        Files.write(local, new byte[100_000]);
        gateway.upload(target, local, dir.resolve("copy.bin").toString());
        Path back = dir.resolve("back.bin");
        gateway.download(target, dir.resolve("copy.bin").toString(), back);
        assertThat(Files.mismatch(local, back)).isEqualTo(-1L);
    }

    @Test
    void sudoWrapsTheCommandInOneShellWord() {
        assertThat(SshjGateway.shellQuote("echo 'hi'")).isEqualTo("'echo '\"'\"'hi'\"'\"''");
    }

    @Test
    void privateKeysInOpenSshAndPemFormatsParse() throws Exception {
        assertThat(SshKeys.parsePrivateKey(keys.privateKeyPem()).getPublic()).isEqualTo(keys.publicKey());

        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pkcs8 = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertThat(SshKeys.parsePrivateKey(pkcs8).getPrivate()).isNotNull();
    }

    @Test
    void keyMaterialThatDoesNotParseIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> SshKeys.parsePrivateKey("not a key"))
                .isInstanceOf(InvalidPrivateKeyException.class).hasMessageContaining("not in a known format");
        assertThatThrownBy(() -> SshKeys.parsePrivateKey("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----"))
                .isInstanceOf(InvalidPrivateKeyException.class).hasMessageContaining("could not be parsed");
        assertThatThrownBy(() -> SshKeys.parsePrivateKey(" "))
                .isInstanceOf(InvalidPrivateKeyException.class).hasMessageContaining("empty");
    }

    @Test
    void theTargetNeverPrintsItsSecrets() {
        SshTarget withPassword = new SshTarget("h", 22, "u", null, "s3cret", "SHA256:x", true);
        assertThat(target.toString()).doesNotContain("PRIVATE");
        assertThat(withPassword.toString()).doesNotContain("s3cret").contains("password=***");
    }
}
