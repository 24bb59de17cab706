package vn.truongso.web;

import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.truongso.remotesign.SignerDesk;
import vn.truongso.school.UserDirectory;

/**
 * The Smart CA moment: one sign transaction (one document or a whole batch) waits for the signer's 6-digit code
 * ("Đang chờ xác nhận ký", with the time left), then shows how it ended. The calls of /api/sign-transactions.
 */
@Controller
class SigningPages {

    private final SignerDesk signer;
    private final UserDirectory users;

    SigningPages(SignerDesk signer, UserDirectory users) {
        this.signer = signer;
        this.users = users;
    }

    @GetMapping("/signing/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("tx", signer.get(users.current().username(), id));
        return "pages/signing";
    }

    /** The state alone, for htmx to refresh while the page waits. */
    @GetMapping("/signing/{id}/status")
    String status(@PathVariable UUID id, Model model) {
        model.addAttribute("tx", signer.get(users.current().username(), id));
        return "pages/signing :: status";
    }

    @PostMapping("/signing/{id}/confirm")
    String confirm(@PathVariable UUID id, @RequestParam(required = false) String otp, RedirectAttributes flash) {
        String username = users.current().username();
        String back = "/signing/" + id;
        return Pages.act(flash, back, () -> {
            SignerDesk.TransactionState t = signer.confirm(username, id, otp == null ? null : otp.strip());
            flash.addFlashAttribute(Pages.NOTICE, "Đã ký số " + t.documents() + " văn bản.");
            return "redirect:" + back;
        });
    }

    @PostMapping("/signing/{id}/reject")
    String reject(@PathVariable UUID id, @RequestParam(required = false) String reason, RedirectAttributes flash) {
        String username = users.current().username();
        String back = "/signing/" + id;
        return Pages.act(flash, back, () -> {
            signer.reject(username, id, LessonPlanPages.blankToNull(reason));
            flash.addFlashAttribute(Pages.NOTICE, "Đã từ chối ký.");
            return "redirect:" + back;
        });
    }
}
