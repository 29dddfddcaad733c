package dev.upshift.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The panel promises that nothing it committed is lost when it is SIGKILLed (crash safety of runs and the audit log).
 * With H2's default write delay a commit reaches the file up to 500 ms later; this kills a process right after its
 * commit, with the JDBC URL of {@code application.yml}, and reopens the database.
 */
class CommitDurabilityTest {

    /** The child: commit one row, say so, then wait to be killed. */
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], "upshift", "")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create table if not exists probe (id int primary key)");
                s.execute("insert into probe values (" + args[1] + ")");
            }
            c.commit();
            System.out.println("COMMITTED " + args[1]);
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void aCommitSurvivesASigkillRightAfterIt() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "durability-").toAbsolutePath();
        String url = panelUrl(dir);
        for (int i = 1; i <= 3; i++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CommitDurabilityTest.class.getName(), url, String.valueOf(i))
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.startsWith("COMMITTED")) {
                    System.out.println("[child] " + line);
                }
                assertThat(line).as("the child committed").isEqualTo("COMMITTED " + i);
                child.destroyForcibly();   // SIGKILL, at once
            }
            child.waitFor();
        }
        try (Connection c = DriverManager.getConnection(url, "upshift", "");
             ResultSet r = c.createStatement().executeQuery("select count(*) from probe")) {
            r.next();
            assertThat(r.getInt(1)).as("rows committed before each SIGKILL").isEqualTo(3);
        }
    }

    /** {@code spring.datasource.url} of application.yml with the data directory in place. */
    private static String panelUrl(Path dataDir) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties p = yaml.getObject();
        return p.getProperty("spring.datasource.url").replace("${upshift.data-dir:./data}", dataDir.toString());
    }
}
