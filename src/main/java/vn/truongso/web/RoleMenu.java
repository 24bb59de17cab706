package vn.truongso.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;

/**
 * The menu entries of the clerk's, officer's, parent's, dashboard and credential pages, beside {@link PageModel}'s:
 * shown to the roles that use them (the services still decide every read and action).
 */
@ControllerAdvice(basePackageClasses = RoleMenu.class)
class RoleMenu {

    public record Entries(boolean documents, boolean dashboard, boolean campaigns, boolean applications,
                          boolean credential, boolean delegations) {
    }

    private final PageModel model;

    RoleMenu(PageModel model) {
        this.model = model;
    }

    @ModelAttribute("roleMenu")
    Entries entries() {
        CurrentUser me = model.me();
        if (me == null) {
            return new Entries(false, false, false, false, false, false);
        }
        boolean schoolLead = me.has(Role.CLERK) || me.has(Role.PRINCIPAL);
        return new Entries(schoolLead || me.has(Role.OFFICER),
                schoolLead || me.has(Role.OFFICER) || me.has(Role.ADMIN),
                schoolLead || me.has(Role.OFFICER),
                schoolLead || me.has(Role.PARENT),
                me.has(Role.TEACHER) || me.has(Role.HEAD) || me.has(Role.PRINCIPAL) || me.has(Role.VICE_PRINCIPAL)
                        || me.has(Role.CLERK),
                me.has(Role.PRINCIPAL) || me.has(Role.VICE_PRINCIPAL) || me.has(Role.ADMIN));
    }
}
