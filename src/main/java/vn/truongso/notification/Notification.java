package vn.truongso.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "notification")
class Notification {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String recipient;
    private String kind;
    private String message;
    private String link;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "read_at")
    private Instant readAt;
    /** What the morning digest counts it as; null: by its kind. */
    @Column(name = "digest_label")
    private String digestLabel;

    protected Notification() {
    }

    Notification(String recipient, String kind, String message, String link, String digestLabel, Instant createdAt) {
        this.recipient = recipient;
        this.kind = kind;
        this.message = message;
        this.link = link;
        this.digestLabel = digestLabel;
        this.createdAt = createdAt;
    }

    void markRead(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    Long getId() {
        return id;
    }

    String getRecipient() {
        return recipient;
    }

    String getKind() {
        return kind;
    }

    String getMessage() {
        return message;
    }

    String getLink() {
        return link;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getReadAt() {
        return readAt;
    }
}
