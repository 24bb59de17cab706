package vn.truongso.register;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * A process that keeps a status of its own for the documents it handles (the lesson-plan approval: HEAD_REVIEW,
 * APPROVED, …) tells the document search through a bean of this type; the register module never depends on them.
 */
public interface DocumentStatusSource {

    /** The status of each of these documents this source knows; the others are left out. */
    Map<UUID, Status> statusOf(Collection<UUID> documentIds);

    /**
     * @param code  stable, e.g. "HEAD_REVIEW"
     * @param text  in Vietnamese, e.g. "Chờ tổ trưởng chuyên môn duyệt"
     */
    record Status(String code, String text) {
    }
}
