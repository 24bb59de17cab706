package vn.truongso.web;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.truongso.common.ApiException;
import vn.truongso.common.ProblemHandler;
import vn.truongso.remotesign.SignerCredentials;
import vn.truongso.school.UserDirectory;

/**
 * Every signer's own signing credential: its status, and enrolling the authenticator app with a QR code drawn here
 * (PNG). The calls of GET /api/credentials/me, POST /api/credentials/me/totp and GET /api/credentials/me/totp/qr.png:
 * a second enrolment needs the current code, as there.
 */
@Controller
class CredentialPages {

    private final SignerCredentials credentials;
    private final UserDirectory users;

    CredentialPages(SignerCredentials credentials, UserDirectory users) {
        this.credentials = credentials;
        this.users = users;
    }

    @GetMapping("/credential")
    String show(Model model) {
        model.addAttribute("credentials", credentials.mine(users.current().username()));
        return "pages/credential";
    }

    /**
     * Enrols and answers the page with the new secret in it (not a redirect: the secret is shown once and never
     * kept in the session); a refusal goes back with its message.
     */
    @PostMapping("/credential/totp")
    String enrol(@RequestParam(required = false) String otp, Model model, RedirectAttributes flash) {
        String username = users.current().username();
        try {
            SignerCredentials.NewAuthenticator added = credentials.enrol(username,
                    otp == null || otp.isBlank() ? null : otp.strip());
            model.addAttribute("enrolled", added);
            model.addAttribute(Pages.NOTICE, "Đã đăng ký ứng dụng xác thực. Hãy quét mã QR bằng ứng dụng trên điện "
                    + "thoại (mã chỉ hiển thị trong 10 phút).");
            model.addAttribute("credentials", credentials.mine(username));
            return "pages/credential";
        } catch (RuntimeException e) {
            ApiException known = ProblemHandler.explain(e).orElseThrow(() -> e);
            flash.addFlashAttribute(Pages.PROBLEM, known.getMessage());
            flash.addFlashAttribute("problemCode", known.code());
            return "redirect:/credential";
        }
    }

    @GetMapping(value = "/credential/totp/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(credentials.qrPng(users.current().username()));
    }
}
