package vn.truongso.web;

import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.truongso.remotesign.SignerDesk;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;

/** The login page and where each person lands after signing in. */
@Controller
class HomePages {

    private final UserDirectory users;
    private final SignerDesk signer;

    HomePages(UserDirectory users, SignerDesk signer) {
        this.users = users;
        this.signer = signer;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 HttpSession session, Model model) {
        if (error != null) {
            Object why = session.getAttribute(PageSecurity.FAILURE_MESSAGE);
            session.removeAttribute(PageSecurity.FAILURE_MESSAGE);
            model.addAttribute("loginError", why != null ? why : "Tên đăng nhập hoặc mật khẩu không đúng.");
        }
        model.addAttribute("loggedOut", logout != null);
        return "pages/login";
    }

    /** Each person's first page: what they do most. */
    @GetMapping("/")
    String root() {
        return "redirect:" + homeOf(users.current());
    }

    /**
     * Teacher: my lesson plans; head, principal, vice-principal: my inbox; clerk: documents and registers; officer:
     * the office's report campaigns; parent: my applications; administrator: the general home.
     */
    static String homeOf(CurrentUser user) {
        if (user.has(Role.HEAD) || user.has(Role.PRINCIPAL) || user.has(Role.VICE_PRINCIPAL)) {
            return "/inbox";
        }
        if (user.has(Role.TEACHER)) {
            return "/lesson-plans";
        }
        if (user.has(Role.CLERK)) {
            return "/documents";
        }
        if (user.has(Role.OFFICER)) {
            return "/campaigns";
        }
        if (user.has(Role.PARENT)) {
            return "/applications";
        }
        return "/home";
    }

    @GetMapping("/home")
    String home(Model model) {
        CurrentUser me = users.current();
        model.addAttribute("admin", me.has(Role.ADMIN));
        model.addAttribute("roleNames", me.roles().stream().map(HomePages::roleName).toList());
        model.addAttribute("pendingSignatures", signer.pending(me.username()));
        return "pages/home";
    }

    static String roleName(Role role) {
        return switch (role) {
            case TEACHER -> "Giáo viên";
            case HEAD -> "Tổ trưởng chuyên môn";
            case PRINCIPAL -> "Hiệu trưởng";
            case VICE_PRINCIPAL -> "Phó hiệu trưởng";
            case CLERK -> "Văn thư";
            case OFFICER -> "Chuyên viên";
            case PARENT -> "Phụ huynh";
            case ADMIN -> "Quản trị viên";
        };
    }
}
