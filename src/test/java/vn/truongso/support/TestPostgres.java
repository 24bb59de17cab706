package vn.truongso.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The test server named by TRUONGSO_TEST_POSTGRES_URL (CI starts one), databases of a test's own on it, and Debian's
 * pg_dump / pg_restore for it.
 */
public final class TestPostgres {
    private final String host;
    private final int port;
    private final String maintenanceUrl;
    private final String user;
    private final String password;

    /** The server of the environment, or null when TRUONGSO_TEST_POSTGRES_URL is not set. */
    public static TestPostgres fromEnvironment() {
        String url = System.getenv("TRUONGSO_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? null : new TestPostgres(url,
                System.getenv("TRUONGSO_TEST_POSTGRES_USER"), System.getenv("TRUONGSO_TEST_POSTGRES_PASSWORD"));
    }

    TestPostgres(String jdbcUrl, String user, String password) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        this.host = uri.getHost() == null ? "localhost" : uri.getHost();
        this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
        this.maintenanceUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public String url(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String[] args(String database) {
        return new String[] {"--spring.datasource.url=" + url(database), "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password};
    }

    public void createDatabase(String name) throws SQLException {
        sql("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
    }

    public void dropDatabase(String name) throws SQLException {
        sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(maintenanceUrl, user, password);
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    public void dump(String database, Path file) throws Exception {
        run(tool("pg_dump"), "-Fc", "-h", host, "-p", "" + port, "-U", user, "-d", database, "-f", file.toString());
    }

    public void restore(Path file, String database) throws Exception {
        run(tool("pg_restore"), "--no-owner", "--exit-on-error", "-h", host, "-p", "" + port, "-U", user, "-d",
                database, file.toString());
    }

    /** The newest server version's binaries (Debian), else whatever is on the PATH. */
    private static String tool(String name) throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                Path best = versions.filter(v -> Files.isExecutable(v.resolve("bin").resolve(name)))
                        .max(Comparator.comparingInt(v -> parseOrZero(v.getFileName().toString()))).orElse(null);
                if (best != null) {
                    return best.resolve("bin").resolve(name).toString();
                }
            }
        }
        return name;
    }

    private static int parseOrZero(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password == null ? "" : password);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
