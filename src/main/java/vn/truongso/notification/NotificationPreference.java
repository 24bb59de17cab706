package vn.truongso.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One person's explicit choice for one category (a category left at its default has no row). */
@Entity
@Table(name = "notification_preference")
@IdClass(NotificationPreference.Key.class)
class NotificationPreference {

    /** The composite key (username, category). */
    static class Key implements Serializable {
        private String username;
        private NotificationCategory category;

        protected Key() {
        }

        Key(String username, NotificationCategory category) {
            this.username = username;
            this.category = category;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(username, k.username) && category == k.category;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(username, category);
        }
    }

    @Id
    private String username;
    @Id
    @Enumerated(EnumType.STRING)
    private NotificationCategory category;
    @Enumerated(EnumType.STRING)
    private Delivery delivery;
    @Column(name = "changed_at")
    private Instant changedAt;

    protected NotificationPreference() {
    }

    NotificationPreference(String username, NotificationCategory category, Delivery delivery, Instant changedAt) {
        this.username = username;
        this.category = category;
        this.delivery = delivery;
        this.changedAt = changedAt;
    }

    void change(Delivery to, Instant at) {
        this.delivery = to;
        this.changedAt = at;
    }

    NotificationCategory getCategory() {
        return category;
    }

    Delivery getDelivery() {
        return delivery;
    }
}
