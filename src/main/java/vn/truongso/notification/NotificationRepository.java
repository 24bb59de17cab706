package vn.truongso.notification;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface NotificationRepository extends JpaRepository<Notification, Long> {
    Page<Notification> findByRecipientOrderByCreatedAtDescIdDesc(String recipient, Pageable page);

    Page<Notification> findByRecipientAndReadAtIsNullOrderByCreatedAtDescIdDesc(String recipient, Pageable page);

    Optional<Notification> findByIdAndRecipient(Long id, String recipient);
}
