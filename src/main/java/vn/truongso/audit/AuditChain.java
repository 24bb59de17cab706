package vn.truongso.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The hash chain itself, on plain JDBC so that the service (inside Spring's transaction) and the {@code audit verify}
 * command (on a bare connection) share every byte of it.
 *
 * <p>Entry n's hash is SHA-256 over "truongso-audit/1" followed by every field — sequence number, time (epoch
 * microseconds), actor, organisation, action, target type and id, document id, digests before and after, remote
 * address, details — and entry n-1's hash (64 zeros for entry 1), each field as its UTF-8 length, ':' and its bytes
 * (a null as "-1:"), so no two different entries encode alike. The head row holds the last number and hash, so
 * deleting the newest entries is detected as well.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);
    /** How far from its place the check looks for an entry's true number when its hash does not match. */
    static final int REORDER_WINDOW = 10_000;

    private static final String COLUMNS = "seq, occurred_at, actor, organisation, action, target_type, target_id, "
            + "document_id, digest_before, digest_after, remote_address, details, prev_hash, hash";

    private AuditChain() {
    }

    /** One stored entry. */
    record Entry(long seq, AuditRecord record, String prevHash, String hash) {
    }

    static String hash(long seq, AuditRecord r, String prevHash) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        field(sha, "truongso-audit/1");
        field(sha, Long.toString(seq));
        field(sha, r.occurredAt() == null ? null : Long.toString(micros(r.occurredAt())));
        field(sha, r.actor());
        field(sha, r.organisation());
        field(sha, r.action());
        field(sha, r.targetType());
        field(sha, r.targetId());
        field(sha, r.documentId() == null ? null : r.documentId().toString());
        field(sha, r.digestBefore());
        field(sha, r.digestAfter());
        field(sha, r.remoteAddress());
        field(sha, r.details());
        field(sha, prevHash);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void field(MessageDigest sha, String value) {
        if (value == null) {
            sha.update("-1:".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /**
     * Appends the records in order, after the last entry. The head row is locked first (SELECT … FOR UPDATE), so
     * concurrent appends wait for each other until the holder's transaction ends: numbers stay gapless and the chain
     * never forks. Must run inside the caller's transaction.
     *
     * @return the entries written
     */
    static List<Entry> append(Connection c, List<AuditRecord> records) throws SQLException {
        long seq;
        String prev;
        try (PreparedStatement head = c.prepareStatement(
                "select last_seq, last_hash from audit_chain_head where id = 1 for update");
             ResultSet rs = head.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("The audit chain head row is missing");
            }
            seq = rs.getLong(1);
            prev = rs.getString(2);
        }
        List<Entry> written = new java.util.ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement("insert into audit_entry (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditRecord r : records) {
                seq++;
                String hash = hash(seq, r, prev);
                int i = 1;
                insert.setLong(i++, seq);
                insert.setObject(i++, OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC));
                insert.setString(i++, r.actor());
                insert.setString(i++, r.organisation());
                insert.setString(i++, r.action());
                insert.setString(i++, r.targetType());
                insert.setString(i++, r.targetId());
                insert.setObject(i++, r.documentId());
                insert.setString(i++, r.digestBefore());
                insert.setString(i++, r.digestAfter());
                insert.setString(i++, r.remoteAddress());
                insert.setString(i++, r.details());
                insert.setString(i++, prev);
                insert.setString(i, hash);
                insert.addBatch();
                written.add(new Entry(seq, r, prev, hash));
                prev = hash;
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = c.prepareStatement(
                "update audit_chain_head set last_seq = ?, last_hash = ? where id = 1")) {
            update.setLong(1, seq);
            update.setString(2, prev);
            update.executeUpdate();
        }
        return written;
    }

    static Entry read(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        AuditRecord r = new AuditRecord(at == null ? null : at.toInstant(), rs.getString("actor"),
                rs.getString("organisation"), rs.getString("action"), rs.getString("target_type"),
                rs.getString("target_id"), rs.getObject("document_id", UUID.class), rs.getString("digest_before"),
                rs.getString("digest_after"), rs.getString("remote_address"), rs.getString("details"));
        return new Entry(rs.getLong("seq"), r, rs.getString("prev_hash"), rs.getString("hash"));
    }

    static String selectColumns() {
        return COLUMNS;
    }

    /** What is wrong with the first broken entry. */
    enum Problem {
        /** Its fields no longer give its hash, or a later entry no longer links to it. */
        EDITED,
        /** Entries are missing: deleted. */
        MISSING,
        /** It is intact but not at its place: its number was changed. */
        OUT_OF_ORDER
    }

    /**
     * The outcome of a check.
     *
     * @param entries   how many entries were checked
     * @param lastSeq   the head's last number
     * @param lastHash  the head's last hash (worth noting down elsewhere: a chain rewritten wholesale ends differently)
     * @param brokenSeq the number of the first broken entry, null when intact
     * @param message   in Vietnamese, for people
     */
    record Verification(long entries, long lastSeq, String lastHash, Long brokenSeq, Problem problem,
                        String message) {
        boolean intact() {
            return brokenSeq == null;
        }
    }

    /**
     * Checks the whole chain: every hash recomputed from its fields, numbers 1, 2, 3 … without gaps, every entry
     * linked to the one before, the last one equal to the head. Stops at the first broken entry and names it.
     */
    static Verification verify(Connection c) throws SQLException {
        long headSeq;
        String headHash;
        // The head first: entries appended meanwhile (numbers beyond it) are left for the next check.
        try (PreparedStatement head = c.prepareStatement("select last_seq, last_hash from audit_chain_head where id = 1");
             ResultSet rs = head.executeQuery()) {
            if (!rs.next()) {
                return new Verification(0, 0, null, 0L, Problem.MISSING,
                        "Không tìm thấy đầu chuỗi nhật ký (bảng audit_chain_head trống): nhật ký đã bị can thiệp.");
            }
            headSeq = rs.getLong(1);
            headHash = rs.getString(2);
        }
        long expected = 1;
        String prevHash = GENESIS;
        long checked = 0;
        try (PreparedStatement all = c.prepareStatement("select " + COLUMNS
                + " from audit_entry where seq <= ? order by seq")) {
            all.setLong(1, headSeq);
            all.setFetchSize(500);
            try (ResultSet rs = all.executeQuery()) {
                while (rs.next()) {
                    Entry e = read(rs);
                    if (e.seq() != expected) {
                        if (e.seq() > expected) {
                            return broken(checked, headSeq, headHash, expected, Problem.MISSING,
                                    missing(expected, e.seq() - 1));
                        }
                        return broken(checked, headSeq, headHash, e.seq(), Problem.OUT_OF_ORDER, "Mục mang số "
                                + e.seq() + " nằm sai chỗ (mong đợi số " + expected + ").");
                    }
                    if (!hash(e.seq(), e.record(), e.prevHash()).equals(e.hash())) {
                        Long original = originalSeq(e);
                        if (original != null) {
                            return broken(checked, headSeq, headHash, e.seq(), Problem.OUT_OF_ORDER,
                                    "Mục số " + e.seq() + " sai thứ tự: nội dung nguyên vẹn nhưng vốn là mục số "
                                            + original + " (số thứ tự đã bị đổi).");
                        }
                        return broken(checked, headSeq, headHash, e.seq(), Problem.EDITED, "Mục số " + e.seq()
                                + " đã bị sửa: giá trị băm không khớp với nội dung (" + e.record().action() + ").");
                    }
                    if (!e.prevHash().equals(prevHash)) {
                        // This entry is intact but its predecessor is not the one it was chained to: the one before
                        // was rewritten together with its hash (or this one belongs to another chain).
                        long culprit = e.seq() == 1 ? 1 : e.seq() - 1;
                        return broken(checked, headSeq, headHash, culprit, Problem.EDITED, "Mục số " + culprit
                                + " đã bị sửa hoặc thay thế: mục số " + e.seq() + " không còn nối với nó.");
                    }
                    prevHash = e.hash();
                    expected++;
                    checked++;
                }
            }
        }
        if (expected - 1 < headSeq) {
            return broken(checked, headSeq, headHash, expected, Problem.MISSING, missing(expected, headSeq));
        }
        if (!prevHash.equals(headHash)) {
            return broken(checked, headSeq, headHash, headSeq, Problem.EDITED, "Mục cuối cùng (số " + headSeq
                    + ") không khớp với đầu chuỗi: đã bị sửa hoặc thay thế.");
        }
        return new Verification(checked, headSeq, headHash, null, null, checked == 0
                ? "Nhật ký chưa có mục nào; chuỗi nguyên vẹn."
                : "Chuỗi nhật ký nguyên vẹn: " + checked + " mục, từ số 1 đến số " + headSeq + ".");
    }

    private static String missing(long from, long to) {
        return from == to ? "Mục số " + from + " bị thiếu (đã bị xoá)."
                : "Các mục từ số " + from + " đến số " + to + " bị thiếu (đã bị xoá).";
    }

    private static Verification broken(long checked, long headSeq, String headHash, long seq, Problem problem,
                                       String message) {
        return new Verification(checked, headSeq, headHash, seq, problem, message);
    }

    /** The number an entry whose hash fails at its own number was written with, if it is near: it was moved. */
    private static Long originalSeq(Entry e) {
        long from = Math.max(1, e.seq() - REORDER_WINDOW);
        for (long s = from; s <= e.seq() + REORDER_WINDOW; s++) {
            if (s != e.seq() && hash(s, e.record(), e.prevHash()).equals(e.hash())) {
                return s;
            }
        }
        return null;
    }
}
