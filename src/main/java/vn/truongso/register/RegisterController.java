package vn.truongso.register;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.truongso.school.UserDirectory;

/** The clerk's registers over HTTP: always the caller's own organisation. */
@RestController
@RequestMapping("/api/registers")
class RegisterController {

    private final RegisterDesk desk;
    private final UserDirectory users;

    RegisterController(RegisterDesk desk, UserDirectory users) {
        this.desk = desk;
        this.users = users;
    }

    record IssueBody(UUID documentId, Integer version, String typeCode, String unitCode, String title, String signer,
                     String recipients) {
    }

    /** CLERK or PRINCIPAL issues a document of their own organisation that they may read. */
    @PostMapping("/outgoing")
    ResponseEntity<OutgoingRegister.Issued> issue(@RequestBody IssueBody body) {
        OutgoingRegister.Issued issued = desk.issue(new RegisterDesk.Issue(body.documentId(), body.version(),
                body.typeCode(), body.unitCode(), body.title(), body.signer(), body.recipients()), users.current());
        return ResponseEntity.created(URI.create("/api/registers/outgoing?year=" + issued.year() + "&q="
                + issued.number())).body(issued);
    }

    record ReceiveBody(UUID documentId, Integer version, String senderOrganisation, String senderName,
                       String title) {
    }

    /** CLERK or OFFICER registers a document their organisation received (one they may read, e.g. uploaded). */
    @PostMapping("/incoming")
    ResponseEntity<IncomingRegister.Received> receive(@RequestBody ReceiveBody body) {
        IncomingRegister.Received received = desk.receive(new RegisterDesk.Receive(body.documentId(), body.version(),
                body.senderOrganisation(), body.senderName(), body.title()), users.current());
        return ResponseEntity.status(received.outcome() == IncomingRegister.Outcome.ACCEPTED
                ? HttpStatus.CREATED : HttpStatus.OK).body(received);
    }

    @GetMapping("/{register}")
    RegisterDesk.RegisterPage<?> list(@PathVariable String register, @RequestParam(required = false) Integer year,
                                      @RequestParam(required = false) String q,
                                      @RequestParam(required = false) String organisation,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        return desk.list(register, year, q, organisation, page, size, users.current());
    }

    record TypeCodeView(String code, String name) {
    }

    /** The configured type codes, for the clerk's form. */
    @GetMapping("/type-codes")
    List<TypeCodeView> typeCodes() {
        users.current();
        return desk.typeCodes().stream().map(t -> new TypeCodeView(t.code(), t.name())).toList();
    }
}
