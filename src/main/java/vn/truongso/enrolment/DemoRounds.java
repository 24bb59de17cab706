package vn.truongso.enrolment;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.truongso.common.VietnamTime;

/**
 * The demo admission rounds of the embedded default: grade 6 at THCSHB and THCSAP (lower secondary schools), for the
 * school year that starts next, open from today for 30 days. Made once; never in production.
 */
@Component
@Profile("!prod")
@ConditionalOnProperty(name = "truongso.demo-data", havingValue = "true")
@Order(100)
class DemoRounds implements ApplicationRunner {

    private final AdmissionRoundRepository rounds;
    private final RoundService service;
    private final Clock clock;

    DemoRounds(AdmissionRoundRepository rounds, RoundService service, Clock clock) {
        this.rounds = rounds;
        this.service = service;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (rounds.existsBySchoolCode("THCSHB") || rounds.existsBySchoolCode("THCSAP")) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(VietnamTime.ZONE));
        int year = today.getMonthValue() >= 8 ? today.getYear() + 1 : today.getYear();
        OffsetDateTime opens = today.atStartOfDay(VietnamTime.ZONE).toOffsetDateTime();
        OffsetDateTime closes = today.plusDays(30).atTime(17, 0).atZone(VietnamTime.ZONE).toOffsetDateTime();
        round("THCSHB", year, 90, opens, closes, 21.0245, 105.8412, List.of("Hòa Bình", "Phường Hòa Bình", "Tân Lập"));
        round("THCSAP", year, 120, opens, closes, 21.0301, 105.8520, List.of("An Phú", "Phường An Phú", "Tân Lập"));
    }

    private void round(String school, int year, int seats, OffsetDateTime opens, OffsetDateTime closes, double lat,
                       double lon, List<String> wards) {
        AdmissionRound round = new AdmissionRound(school, year, 6, "system", clock.instant());
        round.set(seats, opens.toInstant(), closes.toInstant(), lat, lon, wards);
        service.start(rounds.saveAndFlush(round), "system");
    }
}
