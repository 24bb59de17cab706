package vn.truongso.notification;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface NotificationRepository extends JpaRepository<Notification, Long> {
    Page<Notification> findByRecipientOrderByCreatedAtDescIdDesc(String recipient, Pageable page);

    Page<Notification> findByRecipientAndReadAtIsNullOrderByCreatedAtDescIdDesc(String recipient, Pageable page);

    /** The pages' list: unread first, each part newest first. */
    @Query(value = "select n from Notification n where n.recipient = :recipient order by "
            + "case when n.readAt is null then 0 else 1 end, n.createdAt desc, n.id desc",
            countQuery = "select count(n) from Notification n where n.recipient = :recipient")
    Page<Notification> unreadFirst(@Param("recipient") String recipient, Pageable page);

    Optional<Notification> findByIdAndRecipient(Long id, String recipient);

    long countByRecipientAndReadAtIsNull(String recipient);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Notification n set n.readAt = :at where n.recipient = :recipient and n.readAt is null")
    int markAllRead(@Param("recipient") String recipient, @Param("at") Instant at);
}
