package vn.truongso.school;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import vn.truongso.common.VietnamTime;
import vn.truongso.remotesign.TestOtp;
import vn.truongso.support.Api.Body;
import vn.truongso.support.Api.Part;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;
import vn.truongso.support.PageSession;
import vn.truongso.support.TestPdfs;

/**
 * The access matrix: every endpoint of the OpenAPI document (and the surfaces it does not list: Camunda, actuator,
 * CSC, PKI, Swagger, and every page of vn.truongso.web, called with a session from the login form) × every demo
 * role of school A (THCSHB, whose resources every path names), of school B (THCSAP), of the office above both
 * (VHXH-HB), of another office, the administrator, a parent who owns the application and one who does not, and
 * nobody. One cell per test; an endpoint of the OpenAPI document, or a page mapping, without a rule is a failing
 * cell. Refused write cells send a valid body (so a 400 cannot hide a missing check) and some check the refusal
 * changed nothing. The figures go to target/robustness/access-matrix.md.
 */
@IntegrationTest
class AccessMatrixTest {

    /** Who calls: a demo user (or one this test adds), by role and organisation relative to school A. */
    enum Caller {
        TEACHER_A("gv.lan"), HEAD_A("tt.hung"), PRINCIPAL_A("ht.mai"), VICE_PRINCIPAL_A("pht.an"), CLERK_A("vt.hoa"),
        TEACHER_B("gv.tuan"), HEAD_B("tt.linh"), PRINCIPAL_B("ht.son"), CLERK_B("vt.thu"),
        OFFICER("cv.nam"), OFFICER_OTHER_OFFICE("cv.khac"), ADMIN("admin"),
        PARENT("ph.binh"), PARENT_OTHER("ph.khac"), ANONYMOUS(null);

        final String username;

        Caller(String username) {
            this.username = username;
        }
    }

    static final Set<Caller> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));
    static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    static final Set<Caller> NOBODY = EnumSet.noneOf(Caller.class);
    static final Set<Caller> SCHOOL_A = EnumSet.of(Caller.TEACHER_A, Caller.HEAD_A, Caller.PRINCIPAL_A,
            Caller.VICE_PRINCIPAL_A, Caller.CLERK_A);
    static final Set<Caller> SCHOOL_B = EnumSet.of(Caller.TEACHER_B, Caller.HEAD_B, Caller.PRINCIPAL_B, Caller.CLERK_B);
    static final Set<Caller> STAFF = union(SCHOOL_A, SCHOOL_B, EnumSet.of(Caller.OFFICER, Caller.OFFICER_OTHER_OFFICE));
    static final Set<Caller> WITH_ORGANISATION = union(STAFF, EnumSet.of(Caller.ADMIN));
    /**
     * Who reads a teacher's document of school A: she, her head of subject group, her principal, vice-principal and
     * clerk.
     */
    static final Set<Caller> A_DOCUMENT_READERS = SCHOOL_A;
    static final Set<Caller> A_LEADERS = EnumSet.of(Caller.PRINCIPAL_A, Caller.CLERK_A);

    /** What a cell must answer. */
    enum Expect {
        /** Reaches the handler: 2xx, or 400/409/422 (a rule of the handler, after the access check). */
        ALLOWED,
        /** 401 (nobody signed in), 403 or 404 (nothing of another's shown); 302 to a login page for the webapps. */
        REFUSED,
        /** A public service: anything but 401/403. */
        PUBLIC,
        /** Refused, or refused by the handler's own check with 400 (the CSC API's invalid_request for another's
         *  credential; a school outside the officer's office): never 2xx. */
        REFUSED_OR_INVALID,
        /** Answers as if it worked (RFC 7009: revoking a token that is not yours is not an error) but must change
         *  nothing: the rule's state probe decides. */
        NO_EFFECT,
        /** Not asserted here (see the rule's note), counted apart. */
        NOT_ASSERTED
    }

    /** How the caller authenticates for a rule. */
    /** SESSION: the pages, signed in through the login form (a session cookie, the CSRF token on writes).
     *  API_BEARER: the caller's own token from POST /api/auth/token. */
    enum Auth { BASIC, CSC_BEARER, API_BEARER, SESSION }

    /** One row of the rules table: an endpoint pattern, who may, the request each caller sends. */
    record Rule(String method, String pattern, String note, boolean inOpenApi, Auth auth, int phase,
                Function<Caller, Expect> expect, Function<Fixture, String> path,
                Function<Caller, Body> body, Function<Fixture, String> unchanged) {
        String key() {
            return method + " " + pattern;
        }
    }

    /** The resources of school A (and of parent ph.binh) that every path names, made once for all cells. */
    static final class Fixture {
        String docOwn;            // gv.lan's lesson-plan PDF, not in a process
        String docFresh;          // gv.lan's PDF not yet submitted, for POST /api/lesson-plans
        String planId;            // gv.lan's plan in the head's review
        String taskId;            // that review task (tt.hung's group)
        String principalTaskId;   // the principal's approval of another of gv.lan's plans
        Caller notified = Caller.TEACHER_A; // who in school A has a notification
        String txConfirm;         // gv.lan's pending sign transaction
        String txReject;          // another one
        String paperStepId;       // a step done on paper in school A
        String notificationId;    // one of gv.lan's notifications
        String campaignId;        // cv.nam's campaign for THCSHB only
        String delegationId;      // ht.mai's delegation to pht.an, beginning in a month (nothing in force now)
        String roundId;           // THCSHB's grade-6 round of its own year (support.EnrolmentYears)
        int roundYear;
        String enrolmentId;       // ph.binh's application to it
        String parentPaper;       // one of ph.binh's papers
        String credentialLan;     // gv.lan's live credential
        String throwawayCredential; // gv.khac's (a teacher of another office's school), for the administrators' actions
        String throwawaySerial;
        String sadLan;            // gv.lan's CSC signature activation data
        final Map<Caller, String> cscTokens = new LinkedHashMap<>();
        final Map<Caller, String> apiTokens = new LinkedHashMap<>(); // POST /api/auth/token, one per caller
    }

    static Fixture fixture;
    static final AtomicInteger roundYears = new AtomicInteger(2099);
    static final String HASH_B64 = Base64.getEncoder().encodeToString(sha256("access matrix"));

    @LocalServerPort
    int port;
    @Autowired
    ManagementService jobs;
    @Autowired
    OrganisationRepository organisations;
    @Autowired
    UserAccountRepository users;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

    Api api;

    // ---- the rules table -----------------------------------------------------------------------------------------

    List<Rule> rules() {
        List<RuleBuilder> r = new ArrayList<>();
        // documents
        api(r, "GET", "/api/documents", "search: everyone signed in, own scope only", SIGNED_IN, f -> "/api/documents?size=100");
        api(r, "POST", "/api/documents", "upload: everyone signed in (own document)", SIGNED_IN, f -> "/api/documents")
                .body(c -> upload("Tải lên của " + c));
        api(r, "GET", "/api/documents/{id}", "owner, her head, same-school principal/clerk", A_DOCUMENT_READERS,
                f -> "/api/documents/" + f.docOwn);
        api(r, "GET", "/api/documents/{id}/content", "as the metadata", A_DOCUMENT_READERS,
                f -> "/api/documents/" + f.docOwn + "/content");
        api(r, "GET", "/api/documents/{id}/verification", "as the metadata", A_DOCUMENT_READERS,
                f -> "/api/documents/" + f.docOwn + "/verification");
        api(r, "GET", "/api/documents/{id}/completion-certificate.pdf", "as the metadata (404/409 while unfinished)",
                A_DOCUMENT_READERS, f -> "/api/documents/" + f.docOwn + "/completion-certificate.pdf");
        api(r, "POST", "/api/documents/{id}/versions", "only the owner adds a version", EnumSet.of(Caller.TEACHER_A),
                f -> "/api/documents/" + f.docOwn + "/versions")
                .body(c -> Api.multipart(Part.file("ban-sua.pdf", "application/pdf", TestPdfs.lessonPlan("Bản sửa " + c)),
                        Part.field("note", "sửa")))
                .unchanged(f -> field("gv.lan", "/api/documents/" + f.docOwn, "currentVersion")).phase(5);
        // lesson plans and professional records
        api(r, "POST", "/api/lesson-plans", "the teacher who owns the document", EnumSet.of(Caller.TEACHER_A),
                f -> "/api/lesson-plans")
                .json(c -> Map.of("documentId", fixture.docFresh, "subject", "Toán", "grade", 8,
                        "lessonTitle", "Bài ma trận", "week", 12)).phase(5);
        api(r, "GET", "/api/lesson-plans", "school staff: own scope", union(SCHOOL_A, SCHOOL_B), f -> "/api/lesson-plans");
        api(r, "GET", "/api/lesson-plans/{id}", "author, reviewers and school leadership of school A",
                EnumSet.of(Caller.TEACHER_A, Caller.HEAD_A, Caller.PRINCIPAL_A, Caller.VICE_PRINCIPAL_A, Caller.CLERK_A),
                f -> "/api/lesson-plans/" + f.planId);
        api(r, "GET", "/api/professional-records", "own records", SIGNED_IN, f -> "/api/professional-records");
        // inbox
        api(r, "GET", "/api/tasks", "own inbox", SIGNED_IN, f -> "/api/tasks");
        probe(r, "GET", "/api/tasks", "own inbox, with the caller's bearer token", SIGNED_IN, f -> "/api/tasks")
                .auth(Auth.API_BEARER);
        // bearer tokens of /api: made with the password, ended with the token itself (last: the token is gone then)
        api(r, "POST", "/api/auth/token", "everyone signed in, with the password (Basic)", SIGNED_IN,
                f -> "/api/auth/token");
        api(r, "DELETE", "/api/auth/token", "everyone signed in, with the token it ends", SIGNED_IN,
                f -> "/api/auth/token").auth(Auth.API_BEARER).phase(11);
        api(r, "POST", "/api/tasks/{id}/claim", "the subject group's head", EnumSet.of(Caller.HEAD_A),
                f -> "/api/tasks/" + f.taskId + "/claim").phase(1)
                .unchanged(f -> taskState("tt.hung", f.taskId));
        api(r, "POST", "/api/tasks/{id}/unclaim", "the head who claimed it", EnumSet.of(Caller.HEAD_A),
                f -> "/api/tasks/" + f.taskId + "/unclaim").phase(2);
        api(r, "POST", "/api/tasks/approve-batch", "the principal, for her school's approvals (another plan)",
                EnumSet.of(Caller.PRINCIPAL_A), f -> "/api/tasks/approve-batch")
                .json(c -> Map.of("taskIds", List.of(fixture.principalTaskId))).phase(3)
                .unchanged(f -> taskState("ht.mai", f.principalTaskId));
        api(r, "POST", "/api/tasks/{id}/complete", "the head (PAPER approval)", EnumSet.of(Caller.HEAD_A),
                f -> "/api/tasks/" + f.taskId + "/complete")
                .json(c -> Map.of("decision", "APPROVE", "channel", "PAPER")).phase(4)
                .unchanged(f -> taskState("tt.hung", f.taskId));
        // delegations of the principal's approvals (ký thay); the fixture's and these begin in a month, so no cell
        // runs while one is in force
        api(r, "POST", "/api/delegations", "school A's principal, an administrator above it (naming THCSHB)",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.ADMIN), f -> "/api/delegations")
                .json(c -> delegation()).unchanged(f -> String.valueOf(api.get("ht.mai", "/api/delegations").json().size()));
        api(r, "GET", "/api/delegations", "principals: their school's; vice-principal: his own; administrator",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.VICE_PRINCIPAL_A, Caller.PRINCIPAL_B, Caller.ADMIN),
                f -> "/api/delegations");
        probe(r, "GET", "/api/delegations", "?school=THCSHB: its principal, the administrator (the vice-principal: "
                + "his own)", EnumSet.of(Caller.PRINCIPAL_A, Caller.VICE_PRINCIPAL_A, Caller.ADMIN),
                f -> "/api/delegations?school=THCSHB");
        api(r, "DELETE", "/api/delegations/{id}", "school A's principal, an administrator above it",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.ADMIN), f -> "/api/delegations/" + f.delegationId).phase(9)
                .unchanged(f -> delegationStatus(f.delegationId));
        // sign transactions and credentials
        api(r, "GET", "/api/sign-transactions", "own", SIGNED_IN, f -> "/api/sign-transactions");
        api(r, "GET", "/api/sign-transactions/{id}", "the signer", EnumSet.of(Caller.TEACHER_A),
                f -> "/api/sign-transactions/" + f.txConfirm);
        api(r, "POST", "/api/sign-transactions/{id}/confirm", "the signer, with her code", EnumSet.of(Caller.TEACHER_A),
                f -> "/api/sign-transactions/" + f.txConfirm + "/confirm")
                .json(c -> Map.of("otp", TestOtp.nextCode(TestOtp.DEMO_SECRET))).phase(5)
                .unchanged(f -> field("gv.lan", "/api/sign-transactions/" + f.txConfirm, "status"));
        api(r, "POST", "/api/sign-transactions/{id}/reject", "the signer", EnumSet.of(Caller.TEACHER_A),
                f -> "/api/sign-transactions/" + f.txReject + "/reject")
                .json(c -> Map.of("reason", "không ký")).phase(5)
                .unchanged(f -> field("gv.lan", "/api/sign-transactions/" + f.txReject, "status"));
        api(r, "GET", "/api/credentials/me", "own", SIGNED_IN, f -> "/api/credentials/me");
        // Re-enrolling replaces the caller's own second factor: only the throw-away signer does it here.
        api(r, "POST", "/api/credentials/me/totp", "own only: run as cv.khac (no credential: 409), never as a demo signer",
                EnumSet.of(Caller.OFFICER_OTHER_OFFICE), f -> "/api/credentials/me/totp")
                .only(EnumSet.of(Caller.OFFICER_OTHER_OFFICE, Caller.ANONYMOUS)).phase(1);
        api(r, "GET", "/api/credentials/me/totp/qr.png", "own (409 unless just enrolled)", SIGNED_IN,
                f -> "/api/credentials/me/totp/qr.png").phase(2);
        api(r, "POST", "/api/admin/credentials", "administrator", EnumSet.of(Caller.ADMIN), f -> "/api/admin/credentials")
                .json(c -> Map.of("username", "ph.khac"));
        api(r, "POST", "/api/admin/credentials/import", "administrator", EnumSet.of(Caller.ADMIN),
                f -> "/api/admin/credentials/import?username=ph.khac&password=x")
                .body(c -> Api.multipart(Part.file("a.p12", "application/x-pkcs12", new byte[] {1, 2, 3})));
        api(r, "GET", "/api/admin/credentials", "administrator", EnumSet.of(Caller.ADMIN), f -> "/api/admin/credentials");
        api(r, "POST", "/api/admin/credentials/{id}/suspend", "administrator", EnumSet.of(Caller.ADMIN),
                f -> "/api/admin/credentials/" + f.throwawayCredential + "/suspend").phase(6)
                .unchanged(f -> api.get("gv.khac", "/api/credentials/me").json().get(0).get("status").asText());
        api(r, "POST", "/api/admin/credentials/{id}/resume", "administrator", EnumSet.of(Caller.ADMIN),
                f -> "/api/admin/credentials/" + f.throwawayCredential + "/resume").phase(7);
        api(r, "POST", "/api/admin/credentials/{id}/totp/reset", "administrator of the person's organisation or above",
                EnumSet.of(Caller.ADMIN), f -> "/api/admin/credentials/" + f.throwawayCredential + "/totp/reset")
                .phase(7);
        api(r, "POST", "/api/admin/credentials/{id}/revoke", "administrator", EnumSet.of(Caller.ADMIN),
                f -> "/api/admin/credentials/" + f.throwawayCredential + "/revoke").phase(8)
                .unchanged(f -> api.get("gv.khac", "/api/credentials/me").json().get(0).get("status").asText());
        api(r, "GET", "/api/pki/certificates", "administrator", EnumSet.of(Caller.ADMIN), f -> "/api/pki/certificates");
        api(r, "POST", "/api/pki/certificates/{serialHex}/revoke", "administrator", EnumSet.of(Caller.ADMIN),
                f -> "/api/pki/certificates/" + f.throwawaySerial + "/revoke")
                .json(c -> Map.of("reason", "KEY_COMPROMISE")).phase(9);
        // audit
        api(r, "GET", "/api/audit", "administrator; principal/clerk: own organisation", union(A_LEADERS,
                EnumSet.of(Caller.PRINCIPAL_B, Caller.CLERK_B, Caller.ADMIN)), f -> "/api/audit");
        probe(r, "GET", "/api/audit", "?documentId=A's: owner, same-school principal/clerk",
                union(A_LEADERS, EnumSet.of(Caller.TEACHER_A, Caller.ADMIN)), f -> "/api/audit?documentId=" + f.docOwn);
        // registers
        api(r, "POST", "/api/registers/outgoing", "clerk/principal of the document's school", A_LEADERS,
                f -> "/api/registers/outgoing")
                .json(c -> Map.of("documentId", fixture.docOwn, "typeCode", "KH", "title", "Kế hoạch ma trận"));
        api(r, "POST", "/api/registers/incoming", "clerk/officer who may read the document", EnumSet.of(Caller.CLERK_A),
                f -> "/api/registers/incoming")
                .json(c -> Map.of("documentId", fixture.docOwn, "senderName", "Sở", "title", "Văn bản đến ma trận"));
        api(r, "GET", "/api/registers/{register}", "clerk/principal/officer: own organisation's register",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.CLERK_A, Caller.PRINCIPAL_B, Caller.CLERK_B, Caller.OFFICER,
                        Caller.OFFICER_OTHER_OFFICE), f -> "/api/registers/outgoing");
        probe(r, "GET", "/api/registers/{register}", "?organisation=THCSHB: only THCSHB's", A_LEADERS,
                f -> "/api/registers/incoming?organisation=THCSHB");
        api(r, "GET", "/api/registers/type-codes", "everyone signed in", SIGNED_IN, f -> "/api/registers/type-codes");
        // report campaigns
        api(r, "POST", "/api/report-campaigns", "the schools' own office", EnumSet.of(Caller.OFFICER),
                f -> "/api/report-campaigns")
                .json(c -> Map.of("title", "Báo cáo ma trận " + c, "period", "SEMI_ANNUAL",
                        "deadline", LocalDate.now(VietnamTime.ZONE).plusDays(10).toString(),
                        "schoolCodes", List.of("THCSHB")))
                .expect(c -> c == Caller.OFFICER ? Expect.ALLOWED : c == Caller.OFFICER_OTHER_OFFICE
                        ? Expect.REFUSED_OR_INVALID : Expect.REFUSED);
        api(r, "GET", "/api/report-campaigns", "officers, principals, clerks: own scope",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.CLERK_A, Caller.PRINCIPAL_B, Caller.CLERK_B, Caller.OFFICER,
                        Caller.OFFICER_OTHER_OFFICE), f -> "/api/report-campaigns");
        api(r, "GET", "/api/report-campaigns/{id}", "the office and the school asked",
                EnumSet.of(Caller.OFFICER, Caller.PRINCIPAL_A, Caller.CLERK_A), f -> "/api/report-campaigns/" + f.campaignId);
        // enrolment
        api(r, "POST", "/api/enrolments", "parents online, the school's clerk on paper",
                EnumSet.of(Caller.PARENT, Caller.PARENT_OTHER, Caller.CLERK_A), f -> "/api/enrolments")
                .json(this::application);
        api(r, "GET", "/api/enrolments", "parents: own; principals, clerks: own school; administrator",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.CLERK_A, Caller.PRINCIPAL_B, Caller.CLERK_B, Caller.ADMIN,
                        Caller.PARENT, Caller.PARENT_OTHER), f -> "/api/enrolments");
        api(r, "GET", "/api/enrolments/{id}", "the family, the school's clerk and principal, the administrator",
                EnumSet.of(Caller.PARENT, Caller.PRINCIPAL_A, Caller.CLERK_A, Caller.ADMIN), f -> "/api/enrolments/" + f.enrolmentId);
        api(r, "POST", "/api/enrolments/{id}/papers", "the family", EnumSet.of(Caller.PARENT),
                f -> "/api/enrolments/" + f.enrolmentId + "/papers")
                .json(c -> Map.of("papers", List.of(Map.of("documentId", fixture.parentPaper, "kind", "OTHER"))))
                .unchanged(f -> field("ph.binh", "/api/enrolments/" + f.enrolmentId, "papers")).phase(5);
        api(r, "POST", "/api/enrolments/{id}/withdraw", "the family", EnumSet.of(Caller.PARENT),
                f -> "/api/enrolments/" + f.enrolmentId + "/withdraw")
                .unchanged(f -> field("ph.binh", "/api/enrolments/" + f.enrolmentId, "status")).phase(8);
        api(r, "GET", "/api/enrolments/{id}/decision", "the family (404/409 until decided)", EnumSet.of(Caller.PARENT),
                f -> "/api/enrolments/" + f.enrolmentId + "/decision").weak();
        api(r, "GET", "/api/enrolment-rounds", "everyone signed in (public facts)", SIGNED_IN, f -> "/api/enrolment-rounds");
        api(r, "GET", "/api/enrolment-rounds/{id}", "everyone signed in (public facts)", SIGNED_IN,
                f -> "/api/enrolment-rounds/" + f.roundId);
        api(r, "POST", "/api/enrolment-rounds", "the school's principal, the administrator",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.ADMIN), f -> "/api/enrolment-rounds").json(c -> round(null));
        api(r, "PUT", "/api/enrolment-rounds/{id}", "the school's principal, the administrator",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.ADMIN), f -> "/api/enrolment-rounds/" + f.roundId)
                .json(c -> round(fixture.roundYear)).phase(5);
        api(r, "POST", "/api/enrolment-rounds/{id}/close", "the school's principal, the administrator",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.ADMIN), f -> "/api/enrolment-rounds/" + f.roundId + "/close")
                .unchanged(f -> api.get("ph.binh", "/api/enrolment-rounds/" + f.roundId).text()).phase(9);
        api(r, "GET", "/api/enrolment-rounds/{id}/ranking", "the school's clerk/principal, the administrator",
                union(A_LEADERS, EnumSet.of(Caller.ADMIN)), f -> "/api/enrolment-rounds/" + f.roundId + "/ranking");
        // notifications
        api(r, "GET", "/api/notifications", "own", SIGNED_IN, f -> "/api/notifications");
        api(r, "POST", "/api/notifications/{id}/read", "the recipient (someone of school A)", NOBODY,
                f -> "/api/notifications/" + f.notificationId + "/read").phase(5)
                // no unread notification in school A at fixture time: the recipient's cell cannot be run
                .expect(c -> c != fixture.notified ? Expect.REFUSED
                        : "0".equals(fixture.notificationId) ? Expect.NOT_ASSERTED : Expect.ALLOWED)
                .unchanged(f -> field(f.notified.username, "/api/notifications?unread=true", "total"));
        api(r, "GET", "/api/notifications/count", "own", SIGNED_IN, f -> "/api/notifications/count");
        // late: it marks the caller's own read, which the probe of POST /{id}/read counts
        api(r, "POST", "/api/notifications/read-all", "own", SIGNED_IN, f -> "/api/notifications/read-all").phase(10);
        api(r, "GET", "/api/notifications/preferences", "own", SIGNED_IN, f -> "/api/notifications/preferences");
        // the default again: every demo user keeps the defaults the other tests expect
        api(r, "PUT", "/api/notifications/preferences", "own (no one names another's)", SIGNED_IN,
                f -> "/api/notifications/preferences").json(c -> Map.of("RESULTS", "AT_ONCE"));
        // paperless
        api(r, "POST", "/api/paperless/report", "a principal, of own school", EnumSet.of(Caller.PRINCIPAL_A,
                Caller.PRINCIPAL_B), f -> "/api/paperless/report").json(c -> Map.of());
        api(r, "GET", "/api/paperless/summary", "?school=THCSHB: its principal and clerk, its office, administrator",
                union(A_LEADERS, EnumSet.of(Caller.OFFICER, Caller.ADMIN)), f -> "/api/paperless/summary?school=THCSHB");
        api(r, "GET", "/api/paperless/summary.csv", "as the summary",
                union(A_LEADERS, EnumSet.of(Caller.OFFICER, Caller.ADMIN)), f -> "/api/paperless/summary.csv?school=THCSHB");
        api(r, "POST", "/api/paperless/steps/{id}/scan", "the school's clerk", EnumSet.of(Caller.CLERK_A),
                f -> "/api/paperless/steps/" + f.paperStepId + "/scan")
                .body(c -> Api.multipart(Part.file("scan.pdf", "application/pdf", TestPdfs.pages("Bản quét", 1))));
        // PKI: public services for validators anywhere
        pub(r, "GET", "/pki/crl/issuing-ca.crl", EVERYONE);
        pub(r, "GET", "/pki/crl/root-ca.crl", EVERYONE);
        pub(r, "GET", "/pki/ca/root-ca.cer", EVERYONE);
        pub(r, "GET", "/pki/ca/issuing-ca.cer", EVERYONE);
        pub(r, "POST", "/pki/ocsp", EVERYONE).body(c -> new Body("application/ocsp-request", new byte[] {0x30, 0}));
        pub(r, "GET", "/pki/ocsp/{request}", EVERYONE).path(f -> "/pki/ocsp/MAA=");
        // The public TSA is a signing oracle in the school's name: not for anonymous callers (pki helper's rule).
        api(r, "POST", "/pki/tsa", "not anonymous (target rule of the pki change); signed in: not asserted",
                NOBODY, f -> "/pki/tsa").body(c -> new Body("application/timestamp-query", tsq()))
                .expect(c -> c == Caller.ANONYMOUS ? Expect.REFUSED : Expect.NOT_ASSERTED);
        // CSC API v2
        pub(r, "POST", "/csc/v2/info", EVERYONE).json(c -> Map.of());
        api(r, "POST", "/csc/v2/auth/login", "everyone signed in (Basic)", SIGNED_IN, f -> "/csc/v2/auth/login").json(c -> Map.of());
        csc(r, "POST", "/csc/v2/credentials/list", "own (bearer)", SIGNED_IN).json(c -> Map.of());
        csc(r, "POST", "/csc/v2/credentials/info", "the credential's owner", EnumSet.of(Caller.TEACHER_A))
                .json(c -> Map.of("credentialID", fixture.credentialLan));
        csc(r, "POST", "/csc/v2/credentials/authorize", "the credential's owner, with her code",
                EnumSet.of(Caller.TEACHER_A))
                .json(c -> Map.of("credentialID", fixture.credentialLan, "numSignatures", 1, "hashes", List.of(HASH_B64),
                        "hashAlgorithmOID", "2.16.840.1.101.3.4.2.1", "OTP", TestOtp.nextCode(TestOtp.DEMO_SECRET)))
                .phase(5);
        csc(r, "POST", "/csc/v2/signatures/signHash", "the credential's owner, with her SAD", EnumSet.of(Caller.TEACHER_A))
                .json(c -> Map.of("credentialID", fixture.credentialLan, "SAD", fixture.sadLan, "hashes", List.of(HASH_B64),
                        "hashAlgorithmOID", "2.16.840.1.101.3.4.2.1", "signAlgo", "1.2.840.113549.1.1.11"))
                .phase(6);
        csc(r, "POST", "/csc/v2/auth/revoke", "one's own token only (here: gv.lan's token, sent by each caller)",
                EnumSet.of(Caller.TEACHER_A))
                .json(c -> Map.of("token", fixture.cscTokens.get(Caller.TEACHER_A)))
                .expect(c -> c == Caller.TEACHER_A ? Expect.ALLOWED : c == Caller.ANONYMOUS ? Expect.REFUSED
                        : Expect.NO_EFFECT)
                .unchanged(f -> String.valueOf(cscList(f.cscTokens.get(Caller.TEACHER_A)).status())).phase(10);
        // Camunda: the engine REST API off unless configured (auth helper's rule: 404 for everyone), the webapps
        // for administrators only (form login after the auth change: Basic is then no longer answered with 200).
        extra(r, "GET", "/engine-rest/engine", "off by default: 404 for everyone (target rule)", c -> Expect.REFUSED);
        extra(r, "GET", "/engine-rest/process-definition", "off by default (target rule)", c -> Expect.REFUSED);
        extra(r, "POST", "/engine-rest/deployment/create", "off by default (target rule)", c -> Expect.REFUSED)
                .body(c -> Api.multipart(Part.field("deployment-name", "x")));
        extra(r, "GET", "/camunda/app/cockpit/default/", "administrator only (admin cell not asserted: login form)",
                c -> c == Caller.ADMIN ? Expect.NOT_ASSERTED : Expect.REFUSED);
        extra(r, "GET", "/camunda/api/engine/engine/", "administrator only", c -> c == Caller.ADMIN
                ? Expect.NOT_ASSERTED : Expect.REFUSED);
        extra(r, "GET", "/camunda/api/admin/auth/user/default", "administrator only",
                c -> c == Caller.ADMIN ? Expect.NOT_ASSERTED : Expect.REFUSED);
        // actuator: health and info public; the metrics for administrators (the scraper); the rest not exposed
        pub(r, "GET", "/actuator/health", EVERYONE).inOpenApi(false);
        pub(r, "GET", "/actuator/info", EVERYONE).inOpenApi(false);
        extra(r, "GET", "/actuator/prometheus", "administrator only: the metrics tell who is busy with what",
                c -> c == Caller.ADMIN ? Expect.ALLOWED : Expect.REFUSED);
        extra(r, "GET", "/actuator/env", "not exposed", c -> Expect.REFUSED);
        extra(r, "GET", "/actuator/heapdump", "not exposed", c -> Expect.REFUSED);
        extra(r, "GET", "/actuator/beans", "not exposed", c -> Expect.REFUSED);
        extra(r, "GET", "/actuator", "administrator (links only)", c -> c == Caller.ADMIN ? Expect.NOT_ASSERTED
                : Expect.REFUSED);
        // Swagger UI and the OpenAPI document: public in the embedded default, ADMIN only in prod (pki helper)
        extra(r, "GET", "/v3/api-docs", "public outside prod; prod: administrator only (not this profile)",
                c -> c == Caller.ADMIN ? Expect.ALLOWED : Expect.NOT_ASSERTED);
        extra(r, "GET", "/swagger-ui/index.html", "as /v3/api-docs", c -> c == Caller.ADMIN ? Expect.ALLOWED
                : Expect.NOT_ASSERTED);
        // the pages (vn.truongso.web): a session from the login form; anonymous → the login page, the wrong person →
        // the 403/404 page, or, for a form's action, back to the form with the service's refusal at the top
        page(r, "GET", "/login", "the login page: everyone", EVERYONE, f -> "/login").expect(c -> Expect.PUBLIC);
        page(r, "GET", "/", "each person's home (a redirect by role)", SIGNED_IN, f -> "/");
        page(r, "GET", "/home", "the general home", SIGNED_IN, f -> "/home");
        page(r, "GET", "/lesson-plans", "school staff: own scope (as GET /api/lesson-plans)",
                union(SCHOOL_A, SCHOOL_B), f -> "/lesson-plans");
        page(r, "POST", "/lesson-plans", "teachers: upload and submit their own (refused: nothing kept)",
                EnumSet.of(Caller.TEACHER_A, Caller.HEAD_A, Caller.TEACHER_B, Caller.HEAD_B), f -> "/lesson-plans")
                .body(c -> Api.multipart(Part.file("khbd.pdf", "application/pdf", TestPdfs.lessonPlan("Trang " + c)),
                        Part.field("subject", "Toán"), Part.field("grade", "8"),
                        Part.field("lessonTitle", "Ma trận trang " + c), Part.field("week", "3")))
                .only(EnumSet.of(Caller.TEACHER_B, Caller.PRINCIPAL_A, Caller.CLERK_A, Caller.OFFICER, Caller.ADMIN,
                        Caller.PARENT, Caller.ANONYMOUS)).phase(5);
        page(r, "GET", "/lesson-plans/{id}", "as GET /api/lesson-plans/{id}", A_DOCUMENT_READERS,
                f -> "/lesson-plans/" + f.planId);
        page(r, "POST", "/lesson-plans/{id}/revision", "the author, while returned (in review now: refused to all)",
                EnumSet.of(Caller.TEACHER_A), f -> "/lesson-plans/" + f.planId + "/revision")
                .body(c -> Api.multipart(Part.field("comment", "sửa"))).phase(5)
                .unchanged(f -> field("gv.lan", "/api/lesson-plans/" + f.planId, "status"));
        page(r, "POST", "/lesson-plans/{id}/resign", "the author, after her signature lapsed (refused to all now)",
                EnumSet.of(Caller.TEACHER_A), f -> "/lesson-plans/" + f.planId + "/resign").phase(5)
                .unchanged(f -> field("gv.lan", "/api/lesson-plans/" + f.planId, "status"));
        page(r, "GET", "/inbox", "own inbox", SIGNED_IN, f -> "/inbox");
        page(r, "GET", "/inbox/{taskId}", "the subject group's head (as claiming it)", EnumSet.of(Caller.HEAD_A),
                f -> "/inbox/" + f.taskId);
        page(r, "POST", "/inbox/{taskId}/claim", "the subject group's head", EnumSet.of(Caller.HEAD_A),
                f -> "/inbox/" + f.taskId + "/claim").phase(1).unchanged(f -> taskState("tt.hung", f.taskId));
        page(r, "POST", "/inbox/{taskId}/unclaim", "the head who claimed it", EnumSet.of(Caller.HEAD_A),
                f -> "/inbox/" + f.taskId + "/unclaim").phase(2).unchanged(f -> taskState("tt.hung", f.taskId));
        page(r, "POST", "/inbox/{taskId}/complete", "the head (PAPER approval)", EnumSet.of(Caller.HEAD_A),
                f -> "/inbox/" + f.taskId + "/complete").body(c -> form("decision", "APPROVE", "channel", "PAPER"))
                .phase(4).unchanged(f -> taskState("tt.hung", f.taskId));
        page(r, "POST", "/inbox/approve-batch", "the principal, for her school's approvals",
                EnumSet.of(Caller.PRINCIPAL_A), f -> "/inbox/approve-batch")
                .body(c -> form("taskId", fixture.principalTaskId)).phase(3)
                .unchanged(f -> taskState("ht.mai", f.principalTaskId));
        page(r, "GET", "/signing/{id}", "the signer", EnumSet.of(Caller.TEACHER_A), f -> "/signing/" + f.txReject);
        page(r, "GET", "/signing/{id}/status", "the signer", EnumSet.of(Caller.TEACHER_A),
                f -> "/signing/" + f.txReject + "/status");
        page(r, "POST", "/signing/{id}/confirm", "the signer, with her code", EnumSet.of(Caller.TEACHER_A),
                f -> "/signing/" + f.txConfirm + "/confirm")
                .body(c -> form("otp", TestOtp.nextCode(TestOtp.DEMO_SECRET))).phase(5)
                .unchanged(f -> field("gv.lan", "/api/sign-transactions/" + f.txConfirm, "status"));
        page(r, "POST", "/signing/{id}/reject", "the signer", EnumSet.of(Caller.TEACHER_A),
                f -> "/signing/" + f.txReject + "/reject").body(c -> form("reason", "không ký")).phase(5)
                .unchanged(f -> field("gv.lan", "/api/sign-transactions/" + f.txReject, "status"));
        page(r, "GET", "/files/{id}/pdf", "as GET /api/documents/{id}/content", A_DOCUMENT_READERS,
                f -> "/files/" + f.docOwn + "/pdf");
        page(r, "GET", "/files/{id}/pages/{page}.png", "as GET /api/documents/{id}/content", A_DOCUMENT_READERS,
                f -> "/files/" + f.docOwn + "/pages/1.png");
        // the clerk's, officer's, parent's, dashboard and credential pages (pages2): as their APIs
        Set<Caller> registerReaders = EnumSet.of(Caller.PRINCIPAL_A, Caller.CLERK_A, Caller.PRINCIPAL_B,
                Caller.CLERK_B, Caller.OFFICER, Caller.OFFICER_OTHER_OFFICE);
        Set<Caller> paperlessOfA = union(A_LEADERS, EnumSet.of(Caller.OFFICER, Caller.ADMIN));
        page(r, "GET", "/documents", "search: everyone signed in, own scope", SIGNED_IN, f -> "/documents?q=ma");
        page(r, "GET", "/documents/{id}", "as GET /api/documents/{id}", A_DOCUMENT_READERS,
                f -> "/documents/" + f.docOwn);
        page(r, "GET", "/documents/{id}/verification", "as its API", A_DOCUMENT_READERS,
                f -> "/documents/" + f.docOwn + "/verification");
        page(r, "GET", "/documents/{id}/audit", "as GET /api/audit?documentId=",
                union(A_LEADERS, EnumSet.of(Caller.TEACHER_A, Caller.ADMIN)), f -> "/documents/" + f.docOwn + "/audit");
        page(r, "POST", "/documents/{id}/number", "as POST /api/registers/outgoing (a lesson plan: its rule after "
                + "the check)", A_LEADERS, f -> "/documents/" + f.docOwn + "/number")
                .body(c -> form("typeCode", "KH", "signer", "Phạm Thị Mai"));
        page(r, "GET", "/registers/outgoing", "as GET /api/registers/{register}", registerReaders,
                f -> "/registers/outgoing");
        page(r, "GET", "/registers/incoming", "as GET /api/registers/{register}", registerReaders,
                f -> "/registers/incoming");
        page(r, "POST", "/registers/incoming", "upload and receive: clerks and officers, into their own register",
                EnumSet.of(Caller.CLERK_A, Caller.CLERK_B, Caller.OFFICER, Caller.OFFICER_OTHER_OFFICE),
                f -> "/registers/incoming")
                .body(c -> Api.multipart(Part.file("den.pdf", "application/pdf", TestPdfs.lessonPlan("Đến " + c)),
                        Part.field("title", "Văn bản đến ma trận"), Part.field("kind", "LETTER"),
                        Part.field("senderName", "Sở ma trận"))).phase(5);
        page(r, "GET", "/campaigns", "as GET /api/report-campaigns", registerReaders, f -> "/campaigns");
        page(r, "POST", "/campaigns", "as POST /api/report-campaigns (another office: the schools are not its own)",
                EnumSet.of(Caller.OFFICER), f -> "/campaigns")
                .body(c -> form("title", "Báo cáo ma trận trang " + c, "period", "SEMI_ANNUAL", "deadline",
                        LocalDate.now(VietnamTime.ZONE).plusDays(10).format(
                                java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")), "school", "THCSHB"));
        page(r, "GET", "/campaigns/{id}", "as GET /api/report-campaigns/{id}",
                EnumSet.of(Caller.OFFICER, Caller.PRINCIPAL_A, Caller.CLERK_A), f -> "/campaigns/" + f.campaignId);
        page(r, "POST", "/campaigns/{id}/decision", "the officer's receiving task decides (here the head's review "
                + "task, with a decision it does not take: refused to all, nothing changes)", NOBODY,
                f -> "/campaigns/" + f.campaignId + "/decision")
                .body(c -> form("taskId", fixture.taskId, "decision", "ACCEPT")).phase(3)
                .unchanged(f -> taskState("tt.hung", f.taskId));
        page(r, "GET", "/applications", "as GET /api/enrolments",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.CLERK_A, Caller.PRINCIPAL_B, Caller.CLERK_B, Caller.ADMIN,
                        Caller.PARENT, Caller.PARENT_OTHER), f -> "/applications");
        page(r, "GET", "/applications/new", "the form: everyone signed in (the open rounds are public facts)",
                SIGNED_IN, f -> "/applications/new");
        page(r, "POST", "/applications", "as POST /api/enrolments (no papers: the form again with its rule)",
                EnumSet.of(Caller.PARENT, Caller.PARENT_OTHER, Caller.CLERK_A), f -> "/applications")
                .body(c -> Api.multipart(Part.field("childName", "Trẻ " + c), Part.field("birthDate", "14/03/2016"),
                        Part.field("gender", "MALE"), Part.field("personalId", "001216123456"),
                        Part.field("parentName", "Phụ huynh"), Part.field("phone", "0912345678"),
                        Part.field("address", "12 Tô Hiệu"), Part.field("ward", "Hòa Bình"),
                        Part.field("lat", "21.03"), Part.field("lon", "105.84"), Part.field("schoolCode", "THCSHB"),
                        Part.field("grade", "6")));
        page(r, "GET", "/applications/{id}", "as GET /api/enrolments/{id}: not another family's",
                EnumSet.of(Caller.PARENT, Caller.PRINCIPAL_A, Caller.CLERK_A, Caller.ADMIN),
                f -> "/applications/" + f.enrolmentId);
        page(r, "POST", "/applications/{id}/papers", "as POST /api/enrolments/{id}/papers (none asked: its rule)",
                EnumSet.of(Caller.PARENT), f -> "/applications/" + f.enrolmentId + "/papers")
                .body(c -> Api.multipart(Part.field("note", "không có tệp")))
                .unchanged(f -> field("ph.binh", "/api/enrolments/" + f.enrolmentId, "papers")).phase(5);
        page(r, "GET", "/applications/{id}/decision", "the family (404 until decided: not asserted for it)",
                NOBODY, f -> "/applications/" + f.enrolmentId + "/decision")
                .expect(c -> c == Caller.PARENT ? Expect.NOT_ASSERTED : Expect.REFUSED);
        page(r, "GET", "/paperless", "?school=THCSHB: as GET /api/paperless/summary", paperlessOfA,
                f -> "/paperless?school=THCSHB");
        page(r, "GET", "/paperless/summary.csv", "?school=THCSHB: as its API", paperlessOfA,
                f -> "/paperless/summary.csv?school=THCSHB");
        page(r, "POST", "/paperless/report", "as POST /api/paperless/report",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.PRINCIPAL_B), f -> "/paperless/report").body(c -> form());
        page(r, "GET", "/credential", "own", SIGNED_IN, f -> "/credential");
        page(r, "GET", "/credential/totp/qr.png", "own (409 unless just enrolled: not asserted when signed in)",
                NOBODY, f -> "/credential/totp/qr.png").phase(2)
                .expect(c -> c == Caller.ANONYMOUS ? Expect.REFUSED : Expect.NOT_ASSERTED);
        page(r, "POST", "/credential/totp", "own only: run as cv.khac (no credential: its rule), never as a demo "
                + "signer", EnumSet.of(Caller.OFFICER_OTHER_OFFICE), f -> "/credential/totp").body(c -> form())
                .only(EnumSet.of(Caller.OFFICER_OTHER_OFFICE, Caller.ANONYMOUS)).phase(1);
        page(r, "GET", "/notifications", "own (as GET /api/notifications)", SIGNED_IN, f -> "/notifications");
        page(r, "POST", "/notifications/{id}/read", "as POST /api/notifications/{id}/read", NOBODY,
                f -> "/notifications/" + f.notificationId + "/read").body(c -> form()).phase(5)
                .expect(c -> c != fixture.notified ? Expect.REFUSED
                        : "0".equals(fixture.notificationId) ? Expect.NOT_ASSERTED : Expect.ALLOWED)
                .unchanged(f -> field(f.notified.username, "/api/notifications?unread=true", "total"));
        page(r, "POST", "/notifications/read-all", "own (as its API)", SIGNED_IN, f -> "/notifications/read-all")
                .body(c -> form()).phase(10);
        page(r, "GET", "/notifications/preferences", "own", SIGNED_IN, f -> "/notifications/preferences");
        page(r, "POST", "/notifications/preferences", "own (the default again, as the API's cell)", SIGNED_IN,
                f -> "/notifications/preferences").body(c -> form("RESULTS", "AT_ONCE"));
        page(r, "GET", "/delegations", "as GET /api/delegations",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.VICE_PRINCIPAL_A, Caller.PRINCIPAL_B, Caller.ADMIN),
                f -> "/delegations");
        page(r, "POST", "/delegations", "school A's principal (an administrator names the school: the API only)",
                EnumSet.of(Caller.PRINCIPAL_A), f -> "/delegations").body(c -> delegationForm())
                .unchanged(f -> String.valueOf(api.get("ht.mai", "/api/delegations").json().size()));
        page(r, "POST", "/delegations/{id}/revoke", "as DELETE /api/delegations/{id}",
                EnumSet.of(Caller.PRINCIPAL_A, Caller.ADMIN), f -> "/delegations/" + f.delegationId + "/revoke")
                .body(c -> form()).phase(9).unchanged(f -> delegationStatus(f.delegationId));
        pub(r, "GET", "/assets/app.css", EVERYONE).inOpenApi(false);
        pub(r, "GET", "/webjars/htmx.org/dist/htmx.min.js", EVERYONE).inOpenApi(false);
        // anything else: administrators only, and nothing there
        extra(r, "GET", "/no-such-page", "unknown: refused or 404", c -> Expect.REFUSED);
        extra(r, "GET", "/api/no-such-endpoint", "unknown: refused or 404", c -> Expect.REFUSED);
        return r.stream().map(RuleBuilder::build).toList();
    }

    // ---- builders of the table -------------------------------------------------------------------------------------

    /** A row: path of the OpenAPI document (or beside it), who may, how to call. */
    final class RuleBuilder {
        final String method;
        final String pattern;
        final String note;
        boolean inOpenApi = true;
        Auth auth = Auth.BASIC;
        int phase;
        Function<Caller, Expect> expect;
        Function<Fixture, String> path;
        Function<Caller, Body> body = c -> null;
        Function<Fixture, String> unchanged;
        Set<Caller> only = EVERYONE;
        boolean weak;

        RuleBuilder(String method, String pattern, String note, Set<Caller> allowed, Function<Fixture, String> path) {
            this.method = method;
            this.pattern = pattern;
            this.note = note;
            this.path = path;
            this.expect = c -> allowed.contains(c) ? Expect.ALLOWED : Expect.REFUSED;
        }

        RuleBuilder body(Function<Caller, Body> b) {
            this.body = b;
            return this;
        }

        RuleBuilder json(Function<Caller, Object> b) {
            this.body = c -> Body.json(b.apply(c));
            return this;
        }

        RuleBuilder unchanged(Function<Fixture, String> u) {
            this.unchanged = u;
            return this;
        }

        RuleBuilder phase(int p) {
            this.phase = p;
            return this;
        }

        RuleBuilder only(Set<Caller> callers) {
            this.only = callers;
            return this;
        }

        /** The allowed caller may also get 404 (nothing there yet for her): the cell then proves less. */
        RuleBuilder weak() {
            this.weak = true;
            return this;
        }

        RuleBuilder expect(Function<Caller, Expect> e) {
            this.expect = e;
            return this;
        }

        RuleBuilder path(Function<Fixture, String> p) {
            this.path = p;
            return this;
        }

        RuleBuilder inOpenApi(boolean in) {
            this.inOpenApi = in;
            return this;
        }

        RuleBuilder auth(Auth a) {
            this.auth = a;
            return this;
        }

        Rule build() {
            Function<Caller, Expect> e = expect;
            Set<Caller> o = only;
            return new Rule(method, pattern, note + (weak ? " [weak]" : ""), inOpenApi, auth, phase,
                    c -> o.contains(c) ? e.apply(c) : null, path, body, unchanged);
        }
    }

    private RuleBuilder api(List<RuleBuilder> r, String method, String pattern, String note, Set<Caller> allowed,
                            Function<Fixture, String> path) {
        RuleBuilder b = new RuleBuilder(method, pattern, note, allowed, path);
        r.add(b);
        return b;
    }

    /** Another request for an endpoint that already has its row (e.g. with a query parameter naming A). */
    /** A page: not in the OpenAPI document, but every page mapping of vn.truongso.web must have a rule. */
    private RuleBuilder page(List<RuleBuilder> r, String method, String pattern, String note, Set<Caller> allowed,
                             Function<Fixture, String> path) {
        return api(r, method, pattern, note, allowed, path).inOpenApi(false).auth(Auth.SESSION);
    }

    /** An application/x-www-form-urlencoded body, as a page's form sends it. */
    static Body form(String... nameValues) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            b.append(b.length() == 0 ? "" : "&").append(enc(nameValues[i])).append('=').append(enc(nameValues[i + 1]));
        }
        return new Body("application/x-www-form-urlencoded", b.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private RuleBuilder probe(List<RuleBuilder> r, String method, String pattern, String note, Set<Caller> allowed,
                              Function<Fixture, String> path) {
        return api(r, method, pattern, note, allowed, path);
    }

    private RuleBuilder pub(List<RuleBuilder> r, String method, String pattern, Set<Caller> callers) {
        return api(r, method, pattern, "public", callers, f -> pattern).expect(c -> Expect.PUBLIC);
    }

    private RuleBuilder csc(List<RuleBuilder> r, String method, String pattern, String note, Set<Caller> allowed) {
        return api(r, method, pattern, note, allowed, f -> pattern).auth(Auth.CSC_BEARER)
                .expect(c -> allowed.contains(c) ? Expect.ALLOWED : c == Caller.ANONYMOUS ? Expect.REFUSED
                        : Expect.REFUSED_OR_INVALID);
    }

    private RuleBuilder extra(List<RuleBuilder> r, String method, String pattern, String note,
                              Function<Caller, Expect> expect) {
        return api(r, method, pattern, note, NOBODY, f -> pattern).expect(expect).inOpenApi(false);
    }

    @SafeVarargs
    static Set<Caller> union(Set<Caller>... sets) {
        Set<Caller> all = EnumSet.noneOf(Caller.class);
        for (Set<Caller> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    // ---- bodies --------------------------------------------------------------------------------------------------

    static Body upload(String title) {
        return Api.multipart(Part.file("tep.pdf", "application/pdf", TestPdfs.lessonPlan(title)),
                Part.field("title", title), Part.field("kind", "OTHER"));
    }

    /** A valid grade-6 application to THCSHB's round of the fixture's year, for a new child each time. */
    Map<String, Object> application(Caller c) {
        return application(c, fixture.roundYear);
    }

    Map<String, Object> application(Caller c, int year) {
        int born = year - 11; // eleven that year, born in the 2000s: the ID's 4th digit 2 is a boy
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("child", Map.of("fullName", "Trẻ " + c, "birthDate", born + "-03-14",
                "personalId", "0012" + String.format("%02d", born % 100)
                        + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)),
                "gender", "MALE"));
        req.put("parent", Map.of("fullName", "Phụ huynh", "phone", "0912345678", "email", "ph@example.com"));
        req.put("address", Map.of("text", "12 Tô Hiệu", "ward", "Hòa Bình", "lat", 21.03, "lon", 105.8412));
        req.put("schoolCode", "THCSHB");
        req.put("grade", 6);
        req.put("enrolmentYear", year);
        return req;
    }

    /** Ký thay for pht.an at THCSHB, beginning in a month: valid, and in force during none of the cells. */
    static Map<String, Object> delegation() {
        LocalDate start = LocalDate.now(VietnamTime.ZONE).plusDays(30);
        return Map.of("delegate", "pht.an", "schoolCode", "THCSHB", "validFrom", start.toString(),
                "validTo", start.plusDays(5).toString(), "scope", "ALL");
    }

    /** As the page's form sends it: typed dates, a month ahead like {@link #delegation()}. */
    static Body delegationForm() {
        LocalDate start = LocalDate.now(VietnamTime.ZONE).plusDays(30);
        java.time.format.DateTimeFormatter typed = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
        return form("delegate", "pht.an", "validFrom", start.format(typed), "validTo", start.plusDays(5).format(typed),
                "scope", "ALL");
    }

    String delegationStatus(String id) {
        for (JsonNode d : api.get("ht.mai", "/api/delegations").json()) {
            if (d.get("id").asText().equals(id)) {
                return d.get("status").asText();
            }
        }
        return "gone";
    }

    static Map<String, Object> round(Integer year) {
        OffsetDateTime now = VietnamTime.of(java.time.Instant.now());
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("schoolCode", "THCSHB");
        req.put("enrolmentYear", year == null ? roundYears.getAndDecrement() : year);
        req.put("grade", 6);
        req.put("seats", 40);
        req.put("opensAt", now.minusDays(1).toString());
        req.put("closesAt", now.plusDays(30).toString());
        req.put("schoolLat", 21.0245);
        req.put("schoolLon", 105.8412);
        req.put("catchmentWards", List.of("Hòa Bình"));
        return req;
    }

    static byte[] tsq() {
        try {
            return new org.bouncycastle.tsp.TimeStampRequestGenerator().generate(
                    org.bouncycastle.tsp.TSPAlgorithms.SHA256, sha256("tsq")).getEncoded();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the pages: a session per caller from the login form ----------------------------------------------------

    /** A browser's session: its cookie and a CSRF token for its form posts. */
    record Session(String cookie, String csrf) {
    }

    static final Map<Caller, Session> sessions = new java.util.EnumMap<>(Caller.class);
    static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Signs the caller in through the login form (the anonymous caller only opens the login page). */
    Session session(Caller c) {
        Session known = sessions.get(c);
        if (known != null) {
            return known;
        }
        HttpResponse<String> login = pageCall("GET", "/login", null, null, null);
        String cookie = PageSession.cookie(login, null);
        String csrf = match(login.body(), "name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        Session s = new Session(cookie, csrf);
        if (c.username != null) {
            HttpResponse<String> signedIn = pageCall("POST", "/login", s,
                    form("username", c.username, "password", "demo", "_csrf", csrf), null);
            assertThat(signedIn.statusCode()).as("sign-in of " + c.username).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
            cookie = PageSession.cookie(signedIn, cookie);
            HttpResponse<String> home = pageCall("GET", "/home", new Session(cookie, null), null, null);
            assertThat(home.statusCode()).as("home of " + c.username).isEqualTo(200);
            s = new Session(cookie, match(home.body(), "<meta name=\"csrf-token\" content=\"([^\"]+)\""));
        }
        sessions.put(c, s);
        return s;
    }

    void runPage(Cell cell, Fixture f, Expect expected) {
        Rule r = cell.rule();
        Caller c = cell.caller();
        String before = expected == Expect.REFUSED && r.unchanged() != null ? r.unchanged().apply(f) : null;
        Session s = session(c);
        HttpResponse<String> resp = pageCall(r.method(), r.path().apply(f), s, r.body().apply(c), s.csrf());
        int status = resp.statusCode();
        String location = resp.headers().firstValue("Location").orElse("");
        boolean toLogin = status == 302 && (location.endsWith("/login") || location.contains("/login?"));
        // As a browser does, follow a form's redirect: the page it lands on shows (and uses up) the outcome message.
        HttpResponse<String> landed = status == 302 && !toLogin && r.method().equals("POST")
                ? pageCall("GET", pathOf(location), s, null, null) : null;
        String detail = "";
        boolean ok;
        switch (expected) {
            case ALLOWED -> ok = status == 200 || (status == 302 && !toLogin);
            case PUBLIC -> ok = status == 200;
            case REFUSED -> {
                if (c == Caller.ANONYMOUS) {
                    ok = toLogin;
                } else if (status == 403 || status == 404) {
                    ok = resp.body().contains("id=\"error-message\""); // the Vietnamese error page
                } else if (landed != null) {
                    // a form's action: back to a page that shows the service's refusal at the top
                    ok = landed.body().contains("id=\"problem\"") || landed.body().contains("id=\"error-message\"");
                    detail = ok ? "" : "no refusal shown after the redirect to " + location;
                } else {
                    ok = false;
                }
            }
            case NOT_ASSERTED -> ok = true;
            default -> ok = false;
        }
        if (ok && before != null) {
            String after = r.unchanged().apply(f);
            if (!before.equals(after)) {
                ok = false;
                detail = "refused, but changed: " + before + " → " + after;
            }
        }
        synchronized (outcomes) {
            outcomes.add(new Outcome(cell, expected, status, ok, detail));
        }
        if (!ok) {
            String text = resp.body();
            throw new AssertionError(cell.name() + ": expected " + expected + ", got " + status + " " + location + " "
                    + text.substring(0, Math.min(300, text.length())) + (detail.isEmpty() ? "" : "; " + detail));
        }
    }

    static String pathOf(String location) {
        URI u = URI.create(location);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    HttpResponse<String> pageCall(String method, String path, Session s, Body body, String csrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html");
        if (s != null && s.cookie() != null) {
            b.header("Cookie", s.cookie());
        }
        if (csrf != null && method.equals("POST")) {
            b.header("X-CSRF-TOKEN", csrf);
        }
        if (body != null) {
            b.header("Content-Type", body.contentType());
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        try {
            return BROWSER.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }


    static String match(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text.substring(0, Math.min(500, text.length()))).isTrue();
        return m.group(1);
    }

    // ---- state probes (a refused write must change nothing) -------------------------------------------------------

    String field(String user, String path, String name) {
        Api.Response r = api.get(user, path);
        return r.status() + " " + r.json().path(name);
    }

    /** The review task as its head sees it: there or not, and who holds it. */
    String taskState(String user, String taskId) {
        for (JsonNode t : api.get(user, "/api/tasks?size=200").json().get("items")) {
            if (t.get("id").asText().equals(taskId)) {
                return "open, assignee " + t.path("assignee");
            }
        }
        return "gone";
    }

    Api.Response cscList(String token) {
        return api.send("POST", null, "/csc/v2/credentials/list", Body.json(Map.of()),
                Map.of("Authorization", "Bearer " + token));
    }

    // ---- the fixture ---------------------------------------------------------------------------------------------

    Fixture fixture() {
        if (fixture != null) {
            return fixture;
        }
        BCryptPasswordEncoder quick = new BCryptPasswordEncoder(4);
        if (!organisations.existsById("VHXH-TL")) {
            organisations.save(new Organisation("VHXH-TL", "Phòng Văn hóa – Xã hội phường Tân Lập", "COMMUNE_OFFICE",
                    "SGD-DEMO"));
            users.save(new UserAccount("cv.khac", "Lý Văn Khắc", quick.encode("demo"), "Chuyên viên", "VHXH-TL",
                    null, null, null, EnumSet.of(Role.OFFICER)));
            // a signer nobody else uses, whose credential the administrators' cells suspend and revoke
            organisations.save(new Organisation("THCSTL", "Trường THCS Tân Lập", "LOWER_SECONDARY_SCHOOL", "VHXH-TL"));
            users.save(new UserAccount("gv.khac", "Tạ Văn Khác", quick.encode("demo"), "Giáo viên", "THCSTL",
                    null, null, null, EnumSet.of(Role.TEACHER)));
            users.save(new UserAccount("ph.khac", "Mai Thị Khác", quick.encode("demo"), "Phụ huynh", null,
                    null, null, null, EnumSet.of(Role.PARENT)));
        }
        Fixture f = new Fixture();
        f.docOwn = api.uploadLessonPlan("gv.lan", "Ma trận: tài liệu riêng");
        f.docFresh = api.uploadLessonPlan("gv.lan", "Ma trận: chưa nộp");
        JsonNode plan = api.submitLessonPlan("gv.lan", "Ma trận: kế hoạch chờ tổ trưởng");
        f.planId = plan.get("id").asText();
        f.taskId = api.taskOf("tt.hung", f.planId);
        f.txConfirm = api.submitLessonPlanUnconfirmed("gv.lan", "Ma trận: chờ xác nhận")
                .get("signTransaction").get("transactionId").asText();
        f.txReject = api.submitLessonPlanUnconfirmed("gv.lan", "Ma trận: sẽ từ chối")
                .get("signTransaction").get("transactionId").asText();
        // a step done on paper: the head approves another plan on paper
        JsonNode paper = api.submitLessonPlan("gv.lan", "Ma trận: tổ trưởng duyệt trên giấy");
        String paperTask = api.taskOf("tt.hung", paper.get("id").asText());
        assertThat(api.complete("tt.hung", paperTask, "APPROVE", null, "PAPER").status()).isEqualTo(204);
        f.principalTaskId = api.taskOf("ht.mai", paper.get("id").asText());
        for (JsonNode h : api.get("gv.lan", "/api/lesson-plans/" + paper.get("id").asText()).json().get("history")) {
            if (h.get("step").asText().equals("headReview")) {
                f.paperStepId = h.get("id").asText();
            }
        }
        f.notificationId = "0";
        for (Caller c : SCHOOL_A) {
            JsonNode notes = api.get(c.username, "/api/notifications?unread=true").json().get("items");
            if (!notes.isEmpty()) {
                f.notificationId = notes.get(0).get("id").asText();
                f.notified = c;
                break;
            }
        }
        Api.Response campaign = api.postJson("cv.nam", "/api/report-campaigns", Map.of("title", "Ma trận: báo cáo",
                "period", "SEMI_ANNUAL", "deadline", LocalDate.now(VietnamTime.ZONE).plusDays(10).toString(),
                "schoolCodes", List.of("THCSHB")));
        assertThat(campaign.status()).as(campaign.text()).isEqualTo(201);
        f.campaignId = campaign.json().get("id").asText();
        Api.Response delegation = api.postJson("ht.mai", "/api/delegations", delegation());
        assertThat(delegation.status()).as(delegation.text()).isEqualTo(201);
        f.delegationId = delegation.json().get("id").asText();
        f.roundYear = vn.truongso.support.EnrolmentYears.free("THCSHB");
        Api.Response round = api.postJson("admin", "/api/enrolment-rounds", round(f.roundYear));
        assertThat(round.status()).as(round.text()).isEqualTo(201);
        f.roundId = round.json().get("id").asText();
        Map<String, Object> application = application(Caller.PARENT, f.roundYear);
        application.put("papers", List.of(
                Map.of("documentId", api.upload("ph.binh", "Giấy khai sinh", "APPLICATION_PAPER"), "kind", "BIRTH_CERTIFICATE"),
                Map.of("documentId", api.upload("ph.binh", "Xác nhận cư trú", "APPLICATION_PAPER"),
                        "kind", "RESIDENCE_CONFIRMATION")));
        Api.Response applied = api.postJson("ph.binh", "/api/enrolments", application);
        assertThat(applied.status()).as(applied.text()).isEqualTo(201);
        f.enrolmentId = applied.json().get("id").asText();
        f.parentPaper = api.upload("ph.binh", "Giấy bổ sung", "APPLICATION_PAPER");
        f.credentialLan = api.get("gv.lan", "/api/credentials/me").json().get(0).get("id").asText();
        Api.Response issued = api.postJson("admin", "/api/admin/credentials", Map.of("username", "gv.khac"));
        assertThat(issued.status()).as(issued.text()).isEqualTo(201);
        f.throwawayCredential = issued.json().get("id").asText();
        f.throwawaySerial = issued.json().get("serial").asText();
        for (Caller c : SIGNED_IN) {
            Api.Response login = api.send("POST", c.username, "/csc/v2/auth/login", null, Map.of());
            if (login.status() == 200) {
                f.cscTokens.put(c, login.json().get("access_token").asText());
            }
        }
        Api.Response sad = api.postJsonAuthorized("Bearer " + f.cscTokens.get(Caller.TEACHER_A),
                "/csc/v2/credentials/authorize", Map.of("credentialID", f.credentialLan, "numSignatures", 1,
                        "hashes", List.of(HASH_B64), "hashAlgorithmOID", "2.16.840.1.101.3.4.2.1",
                        "OTP", TestOtp.nextCode(TestOtp.DEMO_SECRET)));
        assertThat(sad.status()).as(sad.text()).isEqualTo(200);
        f.sadLan = sad.json().get("SAD").asText();
        fixture = f;
        return f;
    }

    // ---- the cells -----------------------------------------------------------------------------------------------

    record Cell(Rule rule, Caller caller) {
        String name() {
            return rule.key() + " [" + rule.note() + "] as " + caller + (caller.username == null ? ""
                    : " (" + caller.username + ")");
        }
    }

    record Outcome(Cell cell, Expect expected, int status, boolean ok, String detail) {
    }

    static final List<Outcome> outcomes = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> accessMatrix() {
        api = new Api(port, jobs);
        long started = System.nanoTime();
        Fixture f = fixture();
        long fixtureMillis = (System.nanoTime() - started) / 1_000_000;
        List<Rule> rules = rules();
        Set<String> documented = openApiOperations();
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> ruled = new TreeSet<>();
        rules.forEach(r -> ruled.add(r.key()));
        for (String op : documented) {
            if (!ruled.contains(op)) {
                tests.add(DynamicTest.dynamicTest("no rule for " + op, () -> {
                    outcomes.add(new Outcome(null, null, 0, false, "no rule for " + op));
                    throw new AssertionError("no rule for " + op + ": add it to the access matrix's rules table");
                }));
            }
        }
        Set<String> pages = pageOperations();
        Set<String> pageRules = new TreeSet<>();
        rules.stream().filter(r -> r.auth() == Auth.SESSION).forEach(r -> pageRules.add(r.key()));
        for (String op : pages) {
            if (!pageRules.contains(op)) {
                tests.add(DynamicTest.dynamicTest("no rule for page " + op, () -> {
                    outcomes.add(new Outcome(null, null, 0, false, "no rule for page " + op));
                    throw new AssertionError("no rule for page " + op + ": add it to the access matrix's rules table");
                }));
            }
        }
        for (String rule : pageRules) {
            if (!pages.contains(rule)) {
                tests.add(DynamicTest.dynamicTest("page rule without page: " + rule, () -> {
                    outcomes.add(new Outcome(null, null, 0, false, "no such page: " + rule));
                    throw new AssertionError(rule + " is no page mapping of vn.truongso.web");
                }));
            }
        }
        for (Rule r : rules) {
            if (r.inOpenApi() && !documented.contains(r.key())) {
                tests.add(DynamicTest.dynamicTest("rule without endpoint: " + r.key(), () -> {
                    outcomes.add(new Outcome(null, null, 0, false, "not in the OpenAPI document: " + r.key()));
                    throw new AssertionError(r.key() + " is not in /v3/api-docs (mark it inOpenApi(false) or drop it)");
                }));
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (Rule r : rules) {
            for (Caller c : Caller.values()) {
                if (r.expect().apply(c) != null) {
                    cells.add(new Cell(r, c));
                }
            }
        }
        // Refusals first, then what changes state, in the order the rules ask (claim before complete, …).
        cells.sort(Comparator.comparingInt((Cell c) -> c.rule().phase())
                .thenComparing(c -> c.rule().expect().apply(c.caller()) == Expect.ALLOWED));
        for (Cell cell : cells) {
            tests.add(DynamicTest.dynamicTest(cell.name(), () -> run(cell, f)));
        }
        tests.add(DynamicTest.dynamicTest("figures → target/robustness/access-matrix.md",
                () -> report(rules, documented, fixtureMillis, started)));
        return tests.stream();
    }

    /** "GET /lesson-plans/{id}" for every handler method of the pages' controllers (package vn.truongso.web). */
    Set<String> pageOperations() {
        Set<String> ops = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().equals("vn.truongso.web")) {
                return;
            }
            Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    ops.add("ANY " + pattern);
                }
                methods.forEach(m -> ops.add(m.name() + " " + pattern));
            }
        });
        assertThat(ops).as("the pages' mappings").isNotEmpty();
        return ops;
    }

    /** "GET /api/documents/{id}" for every operation of the running application's OpenAPI document. */
    Set<String> openApiOperations() {
        Api.Response docs = api.get("admin", "/v3/api-docs");
        assertThat(docs.status()).as(docs.text()).isEqualTo(200);
        Set<String> ops = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = docs.json().get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> ops.add(m.toUpperCase() + " " + p.getKey()));
        }
        return ops;
    }

    void run(Cell cell, Fixture f) {
        Rule r = cell.rule();
        Caller c = cell.caller();
        Expect expected = r.expect().apply(c);
        if (r.auth() == Auth.SESSION) {
            runPage(cell, f, expected);
            return;
        }
        boolean refusal = expected == Expect.REFUSED || expected == Expect.REFUSED_OR_INVALID
                || expected == Expect.NO_EFFECT;
        String before = refusal && r.unchanged() != null ? r.unchanged().apply(f) : null;
        Map<String, String> headers = new LinkedHashMap<>();
        String basicUser = c.username;
        if (r.auth() == Auth.CSC_BEARER) {
            basicUser = null;
            String token = f.cscTokens.get(c);
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
        }
        if (r.auth() == Auth.API_BEARER) {
            basicUser = null;
            String token = c.username == null ? null : f.apiTokens.computeIfAbsent(c, k -> {
                Api.Response issued = api.send("POST", k.username, "/api/auth/token", null, Map.of());
                assertThat(issued.status()).as(issued.text()).isEqualTo(200);
                return issued.json().get("token").asText();
            });
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
        }
        Api.Response resp = api.send(r.method(), basicUser, r.path().apply(f), r.body().apply(c), headers);
        int s = resp.status();
        boolean ok = switch (expected) {
            case ALLOWED -> s / 100 == 2 || s == 400 || s == 409 || s == 422 || (r.note().endsWith("[weak]") && s == 404);
            case REFUSED -> s == 401 || s == 403 || s == 404 || s == 405
                    || (s == 302 && r.pattern().startsWith("/camunda"));
            case PUBLIC -> s != 401 && s != 403 && s < 500;
            case REFUSED_OR_INVALID -> s == 400 || s == 401 || s == 403 || s == 404;
            case NO_EFFECT -> s < 500;
            case NOT_ASSERTED -> true;
        };
        String detail = "";
        if (ok && before != null) {
            String after = r.unchanged().apply(f);
            if (!before.equals(after)) {
                ok = false;
                detail = "refused, but changed: " + before + " → " + after;
            }
        }
        synchronized (outcomes) {
            outcomes.add(new Outcome(cell, expected, s, ok, detail));
        }
        if (!ok) {
            String text = resp.text();
            throw new AssertionError(cell.name() + ": expected " + expected + ", got " + s + " "
                    + text.substring(0, Math.min(300, text.length())) + (detail.isEmpty() ? "" : "; " + detail));
        }
    }

    void report(List<Rule> rules, Set<String> documented, long fixtureMillis, long started) throws IOException {
        long cells = outcomes.stream().filter(o -> o.cell() != null).count();
        long allowed = outcomes.stream().filter(o -> o.expected() == Expect.ALLOWED).count();
        long refused = outcomes.stream().filter(o -> o.expected() == Expect.REFUSED
                || o.expected() == Expect.REFUSED_OR_INVALID || o.expected() == Expect.NO_EFFECT).count();
        long open = outcomes.stream().filter(o -> o.expected() == Expect.PUBLIC).count();
        long notAsserted = outcomes.stream().filter(o -> o.expected() == Expect.NOT_ASSERTED).count();
        long spotChecked = outcomes.stream().filter(o -> o.cell() != null && o.expected() != Expect.ALLOWED
                && o.expected() != Expect.PUBLIC && o.cell().rule().unchanged() != null).count();
        List<Outcome> failures = outcomes.stream().filter(o -> !o.ok()).toList();
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        Set<String> surfaces = new LinkedHashSet<>();
        rules.forEach(r -> surfaces.add(r.key()));
        StringBuilder md = new StringBuilder("# Access matrix\n\n")
                .append("Endpoints in the OpenAPI document: ").append(documented.size())
                .append("; rows in the rules table (with surfaces outside it and extra probes): ").append(surfaces.size())
                .append("; callers: ").append(Caller.values().length).append("\n\n")
                .append("| figure | value |\n|---|---|\n")
                .append("| cells | ").append(cells).append(" |\n")
                .append("| allowed (reach the handler) | ").append(allowed).append(" |\n")
                .append("| refused (401/403/404; CSC and out-of-office 400; token revoke without effect) | ").append(refused).append(" |\n")
                .append("| public (PKI, CSC info, health) | ").append(open).append(" |\n")
                .append("| not asserted | ").append(notAsserted).append(" |\n")
                .append("| refused writes checked to change nothing | ").append(spotChecked).append(" |\n")
                .append("| failures | ").append(failures.size()).append(" |\n")
                .append("| time (fixtures) | ").append(seconds).append(" s (").append(fixtureMillis / 1000).append(" s) |\n\n");
        if (!failures.isEmpty()) {
            md.append("## Failing cells\n\n");
            for (Outcome o : failures) {
                md.append("- ").append(o.cell() == null ? o.detail() : o.cell().name() + ": expected " + o.expected()
                        + ", got " + o.status() + (o.detail().isEmpty() ? "" : " (" + o.detail() + ")")).append('\n');
            }
        }
        Path out = Path.of("target", "robustness", "access-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }
}
