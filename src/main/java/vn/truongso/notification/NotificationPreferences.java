package vn.truongso.notification;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import vn.truongso.common.ApiException;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;

/**
 * Each person's choice of {@link Delivery} per {@link NotificationCategory}: what the mail sender asks before it
 * sends, and what GET/PUT /api/notifications/preferences and the preferences page show and change. Only a choice
 * that differs from the default of the person's roles is stored; the rest is computed, so a default changed here
 * reaches everyone who did not choose.
 */
@Service
@Transactional(readOnly = true)
public class NotificationPreferences {

    private static final Logger log = LoggerFactory.getLogger(NotificationPreferences.class);

    private final NotificationPreferenceRepository preferences;
    private final UserDirectory users;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    NotificationPreferences(NotificationPreferenceRepository preferences, UserDirectory users, Clock clock,
                            ApplicationEventPublisher events, PlatformTransactionManager txManager) {
        this.preferences = preferences;
        this.users = users;
        this.clock = clock;
        this.events = events;
        this.tx = new TransactionTemplate(txManager);
    }

    /**
     * One category as its owner sees it.
     *
     * @param isDefault       true while the person has not chosen (the delivery is the default of their roles)
     * @param changeable      false for the account's security messages (always at once)
     * @param offered         the deliveries the person may choose
     */
    public record Preference(NotificationCategory category, String label, Delivery delivery,
                             @JsonProperty("default") boolean isDefault, boolean changeable,
                             Delivery defaultDelivery, List<Delivery> offered) {
    }

    /**
     * How to send a notification of this kind to this person: their stored choice for its category, else the
     * default of their roles. One primary-key read; the person's roles are read only for a category whose default
     * depends on them, when nothing is stored.
     *
     * @param kind the notification's kind as stored (e.g. {@code TASK_ASSIGNED}, {@code LESSON_PLAN_RETURNED})
     */
    public Delivery deliveryFor(String username, String kind) {
        NotificationCategory category = NotificationCategory.of(kind);
        if (!category.changeable()) {
            return category.defaultFor(Set.of());
        }
        Optional<NotificationPreference> stored = preferences.findById(
                new NotificationPreference.Key(username, category));
        if (stored.isPresent()) {
            return stored.get().getDelivery();
        }
        return category.defaultFor(category.defaultDependsOnRoles() ? users.find(username)
                .map(CurrentUser::roles).orElse(Set.of()) : Set.of());
    }

    /** Every category for this person, in the order of {@link NotificationCategory}. */
    public List<Preference> of(CurrentUser person) {
        Map<NotificationCategory, Delivery> chosen = new EnumMap<>(NotificationCategory.class);
        preferences.findByUsername(person.username()).forEach(p -> chosen.put(p.getCategory(), p.getDelivery()));
        List<Preference> all = new ArrayList<>();
        for (NotificationCategory c : NotificationCategory.values()) {
            Delivery fallback = c.defaultFor(person.roles());
            Delivery delivery = c.changeable() ? chosen.getOrDefault(c, fallback) : fallback;
            all.add(new Preference(c, c.label(), delivery, !c.changeable() || !chosen.containsKey(c), c.changeable(),
                    fallback, List.copyOf(c.offered())));
        }
        return all;
    }

    /**
     * Changes the person's own choices: category name → delivery name, e.g. {@code TASKS → DIGEST}. All or nothing:
     * one unknown name or refused choice and nothing is changed. A choice equal to the default is not stored (the
     * category follows the default again). The account's security messages accept only AT_ONCE.
     *
     * <p>Two changes of the same person at the same moment (two tabs, a double click) may both insert the same
     * (username, category) row, or one delete what the other updates: the one that loses is tried once more, in a
     * transaction of its own (on PostgreSQL the failed one is unusable), and then sees what the other committed; the
     * last writer wins. Should that fail too, a 409 {@code PREFERENCES_CHANGED_CONCURRENTLY}, never a 500.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public List<Preference> change(CurrentUser person, Map<String, String> choices) {
        try {
            return tx.execute(s -> changeOnce(person, choices));
        } catch (DataIntegrityViolationException | ConcurrencyFailureException first) {
            log.info("Notification preferences of {} changed twice at once: tried again", person.username());
            try {
                return tx.execute(s -> changeOnce(person, choices));
            } catch (DataIntegrityViolationException | ConcurrencyFailureException again) {
                throw new ApiException(HttpStatus.CONFLICT, "PREFERENCES_CHANGED_CONCURRENTLY",
                        "Cách nhận thông báo vừa được thay đổi ở nơi khác cùng lúc. Vui lòng tải lại và chọn lại.");
            }
        }
    }

    private List<Preference> changeOnce(CurrentUser person, Map<String, String> choices) {
        if (choices == null || choices.isEmpty()) {
            throw ApiException.badRequest("PREFERENCES_EMPTY", "Chưa chọn cách nhận thông báo cho mục nào.");
        }
        Map<NotificationCategory, Delivery> wanted = new EnumMap<>(NotificationCategory.class);
        choices.forEach((name, value) -> {
            NotificationCategory category = parse(NotificationCategory.class, name, "PREFERENCE_CATEGORY_UNKNOWN",
                    "Không có nhóm thông báo \"" + name + "\". Các nhóm: " + names(NotificationCategory.values()) + ".");
            Delivery delivery = parse(Delivery.class, value, "PREFERENCE_DELIVERY_UNKNOWN",
                    "Không có cách nhận \"" + value + "\" (nhóm " + category.label() + "). Chọn một trong: "
                            + names(Delivery.values()) + ".");
            if (!category.changeable() && delivery != Delivery.AT_ONCE) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "PREFERENCE_NOT_CHANGEABLE",
                        "Thông báo về " + category.label().toLowerCase(java.util.Locale.ROOT)
                                + " luôn được gửi ngay để bảo vệ tài khoản, không thể tắt hay gộp.");
            }
            if (!category.offered().contains(delivery)) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "PREFERENCE_DELIVERY_NOT_OFFERED",
                        "Nhóm \"" + category.label() + "\" không nhận cách \"" + delivery.label()
                                + "\" (giao dịch ký chỉ có hiệu lực vài phút). Chọn một trong: "
                                + names(category.offered().toArray(Delivery[]::new)) + ".");
            }
            wanted.put(category, delivery);
        });
        Map<NotificationCategory, Delivery> changed = new EnumMap<>(NotificationCategory.class);
        wanted.forEach((category, delivery) -> {
            if (!category.changeable()) {
                return;
            }
            NotificationPreference.Key key = new NotificationPreference.Key(person.username(), category);
            Optional<NotificationPreference> stored = preferences.findById(key);
            Delivery fallback = category.defaultFor(person.roles());
            Delivery before = stored.map(NotificationPreference::getDelivery).orElse(fallback);
            if (delivery == fallback) {
                stored.ifPresent(preferences::delete);
            } else if (stored.isPresent()) {
                stored.get().change(delivery, clock.instant());
            } else {
                preferences.save(new NotificationPreference(person.username(), category, delivery, clock.instant()));
            }
            if (before != delivery) {
                changed.put(category, delivery);
            }
        });
        if (!changed.isEmpty()) {
            events.publishEvent(new NotificationPreferencesChanged(person.username(), person.organisationCode(),
                    changed));
        }
        return of(person);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String code, String message) {
        if (name != null) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name.strip())) {
                    return e;
                }
            }
        }
        throw ApiException.badRequest(code, message);
    }

    private static String names(Enum<?>[] values) {
        return String.join(", ", java.util.Arrays.stream(values).map(Enum::name).toList());
    }
}
