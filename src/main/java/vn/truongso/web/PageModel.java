package vn.truongso.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import vn.truongso.notification.NotificationInbox;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * What the layout shows on every page: who is signed in, the menu their roles open and the bell's count of their
 * unread notifications.
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

    private final UserDirectory users;
    private final NotificationInbox notifications;

    PageModel(UserDirectory users, NotificationInbox notifications) {
        this.users = users;
        this.notifications = notifications;
    }

    /** The menu: only entries whose pages the person can use (the services still decide every action). */
    public record Menu(boolean lessonPlans, boolean inbox) {
    }

    @ModelAttribute("me")
    CurrentUser me() {
        String name = signedIn();
        return name == null ? null : users.find(name).orElse(null);
    }

    /** The signed-in user's name; null for an anonymous visitor. */
    private static String signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()
                ? null : auth.getName();
    }

    /** The bell's figure (one indexed count); null when nobody is signed in. */
    @ModelAttribute("unreadCount")
    Long unreadCount() {
        String name = signedIn();
        return name == null ? null : notifications.unreadCount(name);
    }

    @ModelAttribute("menu")
    Menu menu() {
        CurrentUser me = me();
        if (me == null) {
            return new Menu(false, false);
        }
        return new Menu(me.has(Role.TEACHER), me.organisationCode() != null);
    }
}
