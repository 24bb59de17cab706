package vn.truongso.web;

import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.DelegationScope;
import vn.truongso.school.Delegations;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/**
 * Ký thay in the pages: the principal gives her approvals to one of her vice-principals for a period and ends it
 * early; the vice-principal sees what he was given; an administrator sees his schools'. The calls of GET, POST and
 * DELETE /api/delegations: who may do what is the service's decision.
 */
@Controller
class DelegationPages {

    private final Delegations delegations;
    private final UserDirectory users;
    private final Clock clock;

    DelegationPages(Delegations delegations, UserDirectory users, Clock clock) {
        this.delegations = delegations;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/delegations")
    String list(Model model) {
        CurrentUser me = users.current();
        model.addAttribute("delegations", delegations.list(me, null));
        // The form is offered to a principal, with her school's vice-principals to choose from.
        if (me.has(Role.PRINCIPAL) && me.organisationCode() != null) {
            model.addAttribute("vicePrincipals",
                    users.membersOf(Groups.role(me.organisationCode(), Role.VICE_PRINCIPAL)));
            model.addAttribute("scopes", DelegationScope.values());
            model.addAttribute("today", java.time.LocalDate.now(clock.withZone(VietnamTime.ZONE)));
        }
        return "pages/delegations";
    }

    /** Dates typed as dd/MM/yyyy; a blank or impossible one is refused by the request's own check. */
    @PostMapping("/delegations")
    String create(@RequestParam(required = false) String delegate, @RequestParam(required = false) String validFrom,
                  @RequestParam(required = false) String validTo, @RequestParam(required = false) String scope,
                  @RequestParam(required = false) String note, RedirectAttributes flash) {
        flash.addFlashAttribute("form", new DelegationForm(delegate, validFrom, validTo, scope, note));
        return Pages.act(flash, "/delegations", () -> {
            Delegations.DelegationView made = delegations.create(new Delegations.CreateRequest(delegate,
                    PageDates.parse(validFrom), PageDates.parse(validTo), scope(scope), null,
                    LessonPlanPages.blankToNull(note)), users.current());
            flash.getFlashAttributes().remove("form");
            flash.addFlashAttribute(Pages.NOTICE, "Đã giao " + made.delegateName() + " ký thay: " + made.scopeText()
                    + ", từ " + PageDates.show(made.validFrom()) + " đến " + PageDates.show(made.validTo()) + ".");
            return "redirect:/delegations";
        });
    }

    @PostMapping("/delegations/{id}/revoke")
    String revoke(@PathVariable UUID id, RedirectAttributes flash) {
        return Pages.act(flash, "/delegations", () -> {
            delegations.revoke(id, users.current());
            flash.addFlashAttribute(Pages.NOTICE, "Đã thu hồi việc giao ký thay.");
            return "redirect:/delegations";
        });
    }

    /** One of the scopes the form offers; none chosen is every approval, as in the API. */
    private static DelegationScope scope(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(DelegationScope.values()).filter(s -> s.name().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("DELEGATION_SCOPE_UNKNOWN",
                        "Phạm vi ký thay không có trong danh sách."));
    }

    /** What the principal typed, shown again when giving was refused. */
    record DelegationForm(String delegate, String validFrom, String validTo, String scope, String note)
            implements java.io.Serializable {
    }
}
