package vn.truongso.enrolment;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentKind;
import vn.truongso.document.DocumentService;
import vn.truongso.school.CurrentUser;
import vn.truongso.school.UserDirectory;
import vn.truongso.support.TestPdfs;

/** Own rounds (own enrolment years, so tests never share one) and applications for the enrolment tests. */
final class EnrolmentFixtures {

    /** The school THCSHB, as in the demo rounds. */
    static final double SCHOOL_LAT = 21.0245;
    static final double SCHOOL_LON = 105.8412;

    private final RoundService rounds;
    private final EnrolmentService enrolments;
    private final DocumentService documents;
    private final UserDirectory users;
    private final Clock clock;

    EnrolmentFixtures(RoundService rounds, EnrolmentService enrolments, DocumentService documents, UserDirectory users,
                      Clock clock) {
        this.rounds = rounds;
        this.enrolments = enrolments;
        this.documents = documents;
        this.users = users;
        this.clock = clock;
    }

    /** A year for a test round of its own at these schools (see {@link vn.truongso.support.EnrolmentYears}). */
    static int nextYear(String... schools) {
        return vn.truongso.support.EnrolmentYears.free(schools);
    }

    CurrentUser user(String name) {
        return users.find(name).orElseThrow();
    }

    RoundService.RoundView round(String school, int year, int seats) {
        OffsetDateTime now = VietnamTime.of(clock.instant());
        return rounds.create(new RoundService.RoundRequest(school, year, 6, seats, now.minusDays(1), now.plusDays(30),
                SCHOOL_LAT, SCHOOL_LON, List.of("Hòa Bình", "Tân Lập")), user("admin"));
    }

    /** A valid 12-digit personal ID for a child born in {@code birthYear}. */
    static String personalId(int birthYear, Gender gender) {
        int century = birthYear / 100 - 19;
        int digit = century * 2 + (gender == Gender.MALE ? 0 : 1);
        return "001" + digit + String.format("%02d", birthYear % 100)
                + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    UUID paper(CurrentUser owner, String title) {
        return documents.store(new DocumentService.Upload(TestPdfs.lessonPlan(title), "giay.pdf", "application/pdf"),
                title, DocumentKind.APPLICATION_PAPER, owner).id();
    }

    /** A grade-6 application to {@code school} for a child of the right age, living {@code km} north of it. */
    EnrolmentService.ApplyRequest request(CurrentUser owner, String school, int year, String childName, double km,
                                          List<String> priorityGroups) {
        int birthYear = year - 11;
        LocalDate birth = LocalDate.of(birthYear, 3, 14);
        List<EnrolmentService.PaperIn> papers = new ArrayList<>();
        papers.add(new EnrolmentService.PaperIn(paper(owner, "Giấy khai sinh " + childName), "BIRTH_CERTIFICATE"));
        papers.add(new EnrolmentService.PaperIn(paper(owner, "Xác nhận cư trú " + childName), "RESIDENCE_CONFIRMATION"));
        return new EnrolmentService.ApplyRequest(
                new EnrolmentService.ChildIn(childName, birth, personalId(birthYear, Gender.MALE), "MALE"),
                new EnrolmentService.ParentIn("Đặng Văn Bình", "0912345678", "binh@example.com"),
                new EnrolmentService.AddressIn("12 Tô Hiệu", "Hòa Bình", SCHOOL_LAT + km / 111.2, SCHOOL_LON),
                school, 6, priorityGroups, papers, year);
    }

    EnrolmentView apply(CurrentUser owner, String school, int year, String childName, double km) {
        return enrolments.apply(request(owner, school, year, childName, km, List.of()), owner);
    }

    static Duration days(int d) {
        return Duration.ofDays(d);
    }
}
