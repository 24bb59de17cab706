package vn.truongso.register;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.ApiException;
import vn.truongso.common.Paging;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentService;
import vn.truongso.notification.Notifier;
import vn.truongso.school.Groups;
import vn.truongso.school.Role;
import vn.truongso.school.UserDirectory;
import vn.truongso.verification.PdfVerifier;
import vn.truongso.verification.VerificationReport;
import vn.truongso.verification.VerificationReport.Verdict;

/**
 * The incoming register (sổ văn bản đến). An electronic document is checked on arrival: its signatures verified and
 * its integrity confirmed ({@link PdfVerifier}). A valid one (VALID, VALID_WITH_WARNINGS) is ACCEPTED with the next
 * arrival number of the receiving organisation's year; an invalid, unsigned or unverifiable one is RETURNED with the
 * verifier's Vietnamese reason and takes no arrival number (it is still logged, so the clerk sees it). Either way the
 * sender's organisation is told at once (the acknowledgement, same day), through its notifications.
 */
@Service
@Transactional
public class IncomingRegister {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

    private final IncomingEntryRepository entries;
    private final RegisterCounters counters;
    private final DocumentService documents;
    private final PdfVerifier verifier;
    private final UserDirectory users;
    private final Notifier notifier;
    private final Clock clock;

    IncomingRegister(IncomingEntryRepository entries, RegisterCounters counters, DocumentService documents,
                     PdfVerifier verifier, UserDirectory users, Notifier notifier, Clock clock) {
        this.entries = entries;
        this.counters = counters;
        this.documents = documents;
        this.verifier = verifier;
        this.users = users;
        this.notifier = notifier;
        this.clock = clock;
    }

    public enum Outcome { ACCEPTED, RETURNED }

    /**
     * @param arrivalNumber null when returned
     * @param reason        the verifier's summary (why it was returned, or what the reader should know)
     * @param acknowledgement the text sent to the sender
     */
    public record Received(Outcome outcome, Integer arrivalNumber, String arrivalNumberText, int year,
                           OffsetDateTime receivedAt, Verdict verdict, String reason, String acknowledgement)
            implements java.io.Serializable {
    }

    /**
     * Receives a document into {@code organisationCode}'s incoming register. Access is the caller's to check.
     *
     * @param senderCode the sending organisation's code when it is one of ours (it is then notified), else null
     * @param senderName the sender as written in the register; null: the organisation's name
     * @param version    null: the document's latest version
     */
    public Received receive(String organisationCode, UUID documentId, Integer version, String senderCode,
                            String senderName, String title, String receivedBy) {
        return receive(organisationCode, documentId, version, senderCode, senderName, title, receivedBy,
                clock.instant());
    }

    Received receive(String organisationCode, UUID documentId, Integer version, String senderCode,
                     String senderName, String title, String receivedBy, Instant at) {
        if (organisationCode == null || documentId == null) {
            throw ApiException.badRequest("DOCUMENT_REQUIRED", "Vui lòng chọn văn bản đến (documentId).");
        }
        String sender = senderName != null && !senderName.isBlank() ? senderName.strip()
                : senderCode == null ? null : users.organisationName(senderCode).orElse(null);
        if (senderCode != null && users.organisationName(senderCode).isEmpty()) {
            throw ApiException.badRequest("SENDER_UNKNOWN", "Không có cơ quan, đơn vị gửi với mã " + senderCode + ".");
        }
        if (sender == null || sender.length() > 255) {
            throw ApiException.badRequest("SENDER_REQUIRED",
                    "Vui lòng ghi cơ quan, đơn vị gửi văn bản (mã senderOrganisation hoặc tên senderName).");
        }
        DocumentService.Latest doc = documents.at(documentId, version);
        // The sender is notified (in its own staff's inbox, with text from here): it must be where the document came
        // from, or any clerk could post messages to any organisation. A sender outside TruongSo goes by name only.
        if (senderCode != null && !senderCode.equals(documents.describe(documentId).organisationCode())) {
            throw ApiException.badRequest("SENDER_NOT_ORIGIN", "Văn bản này không do " + sender
                    + " gửi lên TruongSo; chỉ ghi mã cơ quan gửi cho văn bản của chính cơ quan đó. "
                    + "Với văn bản nhận theo đường khác, vui lòng ghi tên cơ quan gửi (senderName).");
        }
        String docTitle = title == null || title.isBlank() ? doc.title() : title.strip();
        if (docTitle.length() > 500) {
            throw ApiException.badRequest("TITLE_REQUIRED", "Trích yếu tối đa 500 ký tự.");
        }
        if (entries.existsByOrganisationCodeAndDocumentIdAndDocumentVersionAndStatus(organisationCode, documentId,
                doc.version(), IncomingEntry.Status.ACCEPTED)) {
            throw ApiException.conflict("DOCUMENT_ALREADY_RECEIVED",
                    "Văn bản này đã được vào sổ văn bản đến; không vào sổ lần thứ hai.");
        }
        VerificationReport report = verifier.verify(doc.bytes());
        boolean valid = report.verdict() == Verdict.VALID || report.verdict() == Verdict.VALID_WITH_WARNINGS;
        int year = RegisterText.year(at);
        String receiver = users.organisationName(organisationCode).orElse(organisationCode);
        String when = at.atZone(VietnamTime.ZONE).format(TIME);
        Received received;
        if (valid) {
            int number = counters.next(organisationCode, year, RegisterKind.INCOMING);
            String ack = receiver + " đã nhận văn bản \"" + docTitle + "\" lúc " + when + ", số đến "
                    + RegisterText.number(number) + "; chữ ký số hợp lệ, văn bản toàn vẹn.";
            entries.save(new IncomingEntry(organisationCode, year, number, IncomingEntry.Status.ACCEPTED, documentId,
                    doc.version(), senderCode, sender, docTitle, receivedBy, at, report.verdict().name(),
                    truncate(report.summary()), ack));
            received = new Received(Outcome.ACCEPTED, number, RegisterText.number(number), year, VietnamTime.of(at),
                    report.verdict(), report.summary(), ack);
        } else {
            String ack = receiver + " trả lại văn bản \"" + docTitle + "\" lúc " + when + ". Lý do: "
                    + report.summary();
            entries.save(new IncomingEntry(organisationCode, year, null, IncomingEntry.Status.RETURNED, documentId,
                    doc.version(), senderCode, sender, docTitle, receivedBy, at, report.verdict().name(),
                    truncate(report.summary()), truncate(ack)));
            received = new Received(Outcome.RETURNED, null, null, year, VietnamTime.of(at), report.verdict(),
                    report.summary(), ack);
        }
        // What arrived (kept or returned) is readable by the receiver's principal, clerks and officers.
        documents.grantRead(documentId, organisationCode, null);
        if (senderCode != null) {
            notifier.toGroups(List.of(Groups.role(senderCode, Role.CLERK), Groups.role(senderCode, Role.PRINCIPAL),
                            Groups.role(senderCode, Role.OFFICER)),
                    valid ? "DOCUMENT_RECEIVED" : "DOCUMENT_RETURNED", received.acknowledgement(),
                    "/api/documents/" + documentId);
        }
        return received;
    }

    /** A line of the register as the clerk reads it. */
    public record IncomingView(int year, Integer arrivalNumber, String arrivalNumberText, String status,
                               String statusText, OffsetDateTime receivedAt, String receivedDate, String senderCode,
                               String senderName, String title, UUID documentId, int documentVersion,
                               String receivedBy, String verdict, String reason, String acknowledgement) {
    }

    @Transactional(readOnly = true)
    Page<IncomingView> list(String organisationCode, int year, String q, int page, int size) {
        Paging.requireReachable(page, size);
        String n = RegisterText.normalized(q);
        return entries.search(organisationCode, year, n, RegisterText.like(n), RegisterText.asNumber(n),
                PageRequest.of(page, size)).map(IncomingRegister::view);
    }

    static IncomingView view(IncomingEntry e) {
        boolean accepted = e.getStatus() == IncomingEntry.Status.ACCEPTED;
        return new IncomingView(e.getYear(), e.getArrivalNumber(),
                e.getArrivalNumber() == null ? null : RegisterText.number(e.getArrivalNumber()), e.getStatus().name(),
                accepted ? "Đã tiếp nhận" : "Đã trả lại", VietnamTime.of(e.getReceivedAt()),
                e.getReceivedAt().atZone(VietnamTime.ZONE).format(VietnamTime.DAY), e.getSenderCode(), e.getSenderName(),
                e.getTitle(), e.getDocumentId(), e.getDocumentVersion(), e.getReceivedBy(), e.getVerdict(),
                e.getVerificationSummary(), e.getAcknowledgement());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
