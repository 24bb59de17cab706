package vn.truongso.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tampering with the audit trail is detected: each test builds its own small chain in a database of its own (the
 * shared test database's chain must stay intact), tampers with it through plain JDBC as an intruder would, and both
 * the check and the {@code audit verify} command name the first broken entry.
 */
class AuditChainTest {

    String url;
    Connection db;

    @BeforeEach
    void freshChainOfTen() throws Exception {
        url = "jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        db = DriverManager.getConnection(url, "sa", "");
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V8__audit.sql");
             Statement st = db.createStatement()) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            for (String sql : script.split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
        }
        List<AuditRecord> records = new ArrayList<>();
        UUID doc = UUID.randomUUID();
        for (int i = 1; i <= 10; i++) {
            records.add(new AuditRecord(Instant.now().truncatedTo(ChronoUnit.MICROS), "gv.lan", "THCSHB",
                    "DOCUMENT_VERSION_ADDED", "DOCUMENT", doc.toString(), doc, "a".repeat(64), "b".repeat(64),
                    "127.0.0.1", "Phiên bản " + i + ": bản sửa có dấu tiếng Việt"));
        }
        db.setAutoCommit(false);
        AuditChain.append(db, records.subList(0, 4));
        AuditChain.append(db, records.subList(4, 10));
        db.commit();
        db.setAutoCommit(true);
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("shutdown");
        }
        db.close();
    }

    @Test
    void anUntouchedChainIsIntactAndTheCommandSaysSo() throws Exception {
        AuditChain.Verification v = AuditChain.verify(db);
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isEqualTo(10);
        assertThat(v.lastSeq()).isEqualTo(10);

        Run run = command();
        assertThat(run.exit).isEqualTo(AuditCommand.INTACT);
        assertThat(run.out).contains("nguyên vẹn: 10 mục").contains(v.lastHash());
    }

    @Test
    void anEditedFieldIsNamed() throws Exception {
        exec("update audit_entry set actor = 'ht.mai' where seq = 6");
        AuditChain.Verification v = AuditChain.verify(db);
        assertThat(v.brokenSeq()).isEqualTo(6);
        assertThat(v.problem()).isEqualTo(AuditChain.Problem.EDITED);
        assertThat(v.message()).contains("Mục số 6 đã bị sửa");

        Run run = command();
        assertThat(run.exit).isEqualTo(AuditCommand.BROKEN);
        assertThat(run.out).contains("mục số 6 (bị sửa)");
    }

    @Test
    void anEditedDigestOrTimeIsNamedToo() throws Exception {
        exec("update audit_entry set digest_after = '" + "c".repeat(64) + "' where seq = 3");
        assertThat(AuditChain.verify(db).brokenSeq()).isEqualTo(3);
        exec("update audit_entry set occurred_at = occurred_at + interval '1' second where seq = 2");
        assertThat(AuditChain.verify(db).brokenSeq()).isEqualTo(2);
    }

    @Test
    void anEntryEditedAndRehashedBreaksTheLinkOfTheNext() throws Exception {
        // A careful intruder recomputes the edited entry's hash: the next entry still points at the old one.
        AuditChain.Entry e = entry(4);
        AuditRecord forged = new AuditRecord(e.record().occurredAt(), "ht.mai", e.record().organisation(),
                e.record().action(), e.record().targetType(), e.record().targetId(), e.record().documentId(),
                e.record().digestBefore(), e.record().digestAfter(), e.record().remoteAddress(), e.record().details());
        exec("update audit_entry set actor = 'ht.mai', hash = '" + AuditChain.hash(4, forged, e.prevHash())
                + "' where seq = 4");
        AuditChain.Verification v = AuditChain.verify(db);
        assertThat(v.brokenSeq()).isEqualTo(4);
        assertThat(v.problem()).isEqualTo(AuditChain.Problem.EDITED);
    }

    @Test
    void aDeletedEntryInTheMiddleIsNamedAsMissing() throws Exception {
        exec("delete from audit_entry where seq = 5");
        AuditChain.Verification v = AuditChain.verify(db);
        assertThat(v.brokenSeq()).isEqualTo(5);
        assertThat(v.problem()).isEqualTo(AuditChain.Problem.MISSING);
        assertThat(v.message()).isEqualTo("Mục số 5 bị thiếu (đã bị xoá).");

        Run run = command();
        assertThat(run.exit).isEqualTo(AuditCommand.BROKEN);
        assertThat(run.out).contains("mục số 5 (bị thiếu (đã xoá))");
    }

    @Test
    void deletedNewestEntriesAreNamedThanksToTheHead() throws Exception {
        exec("delete from audit_entry where seq >= 9");
        AuditChain.Verification v = AuditChain.verify(db);
        assertThat(v.brokenSeq()).isEqualTo(9);
        assertThat(v.problem()).isEqualTo(AuditChain.Problem.MISSING);
        assertThat(v.message()).contains("từ số 9 đến số 10");
    }

    @Test
    void swappedSequenceNumbersAreNamedAsOutOfOrder() throws Exception {
        exec("update audit_entry set seq = -7 where seq = 7");
        exec("update audit_entry set seq = 7 where seq = 8");
        exec("update audit_entry set seq = 8 where seq = -7");
        AuditChain.Verification v = AuditChain.verify(db);
        assertThat(v.brokenSeq()).isEqualTo(7);
        assertThat(v.problem()).isEqualTo(AuditChain.Problem.OUT_OF_ORDER);
        assertThat(v.message()).contains("vốn là mục số 8");

        Run run = command();
        assertThat(run.exit).isEqualTo(AuditCommand.BROKEN);
        assertThat(run.out).contains("mục số 7 (sai thứ tự)");
    }

    @Test
    void theCommandCannotCheckWithoutADatabaseOrWithWrongArguments() {
        Run missing = command("verify", "--spring.datasource.url=jdbc:h2:file:./target/no-such-db-" + UUID.randomUUID());
        assertThat(missing.exit).isEqualTo(AuditCommand.CANNOT_CHECK);
        assertThat(missing.err).contains("Không kiểm tra được");
        assertThat(command("check").exit).isEqualTo(AuditCommand.CANNOT_CHECK);
        assertThat(command("verify", "nonsense").exit).isEqualTo(AuditCommand.CANNOT_CHECK);
    }

    private AuditChain.Entry entry(long seq) throws SQLException {
        try (Statement st = db.createStatement();
             var rs = st.executeQuery("select " + AuditChain.selectColumns() + " from audit_entry where seq = " + seq)) {
            rs.next();
            return AuditChain.read(rs);
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    record Run(int exit, String out, String err) {
    }

    private Run command() {
        return command("verify", "--spring.datasource.url=" + url, "--spring.datasource.username=sa",
                "--spring.datasource.password=");
    }

    static Run command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = AuditCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

}
