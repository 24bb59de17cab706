package vn.truongso.paperless;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The period's records summed by the database per organisation, process and person: an office's year of sixty
 * schools is a few thousand sums, never its hundreds of thousands of step rows. Only the approval times come back
 * one per completed instance (percentiles cannot be summed).
 */
@Component
class FigureTotals {

    /** Additive totals of one organisation × process × person, or of any union of them. */
    record Tally(long instances, long completed, long fullyDigital, long done, long digital, long signedDocs,
                 long electronicDocs, long avoided, long printed, long reports, long reportsGood, long applications,
                 long applicationsOnline, List<Double> hours) {

        static Tally sum(Collection<Tally> parts) {
            long[] t = new long[13];
            List<Double> hours = new ArrayList<>();
            for (Tally p : parts) {
                long[] v = {p.instances, p.completed, p.fullyDigital, p.done, p.digital, p.signedDocs,
                        p.electronicDocs, p.avoided, p.printed, p.reports, p.reportsGood, p.applications,
                        p.applicationsOnline};
                for (int i = 0; i < v.length; i++) {
                    t[i] += v[i];
                }
                hours.addAll(p.hours);
            }
            hours.sort(null);
            return new Tally(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], hours);
        }
    }

    /** One line of the grouped result: whose, which process, and its tally. */
    record Line(String tenant, String processKey, String processName, String startedBy, Tally tally) {
    }

    private static final String PERIOD = " p.started_at >= :from and p.started_at < :to";

    // Per instance first (fully digital, every signature electronic are per-instance facts), then per group.
    private static final String TOTALS = """
            select p.tenant_id, p.process_key, max(p.process_name) as process_name, p.started_by,
              count(*) as instances,
              sum(case when p.outcome = 'COMPLETED' then 1 else 0 end) as completed,
              sum(case when p.outcome = 'COMPLETED' and t.done > 0 and t.digital = t.done then 1 else 0 end)
                as fully_digital,
              coalesce(sum(t.done), 0) as done, coalesce(sum(t.digital), 0) as digital,
              sum(case when t.signatures > 0 then 1 else 0 end) as signed_docs,
              sum(case when t.signatures > 0 and t.electronic = t.signatures then 1 else 0 end) as electronic_docs,
              coalesce(sum(t.avoided), 0) as avoided, coalesce(sum(t.printed), 0) as printed,
              sum(case when p.report_on_time is not null then 1 else 0 end) as reports,
              sum(case when p.report_on_time = true and p.report_electronic = true then 1 else 0 end) as reports_good,
              sum(case when p.applied_online is not null then 1 else 0 end) as applications,
              sum(case when p.applied_online = true then 1 else 0 end) as applications_online
            from process_record p left join (
              select s.process_instance_id,
                count(s.channel) as done,
                sum(case when s.channel = 'DIGITAL' then 1 else 0 end) as digital,
                sum(case when s.kind = 'SIGNATURE' and s.channel is not null then 1 else 0 end) as signatures,
                sum(case when s.kind = 'SIGNATURE' and s.channel is not null and s.signed_electronically = true
                    then 1 else 0 end) as electronic,
                sum(coalesce(s.pages_avoided, 0)) as avoided,
                sum(case when s.channel = 'PAPER' and s.document_pages is not null and s.printed_copies is not null
                    then s.printed_copies * s.document_pages else 0 end) as printed
              from step_record s join process_record p on p.process_instance_id = s.process_instance_id
              where %1$s
              group by s.process_instance_id) t on t.process_instance_id = p.process_instance_id
            where %1$s
            group by p.tenant_id, p.process_key, p.started_by""";

    private static final String HOURS = """
            select p.tenant_id, p.process_key, p.started_by, p.started_at, p.ended_at from process_record p
            where p.outcome = 'COMPLETED' and p.ended_at is not null and %s""";

    private final NamedParameterJdbcTemplate jdbc;

    FigureTotals(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The instances started in [from, to), of these organisations (null: all), of this process (null: all), summed
     * per organisation × process × person.
     */
    List<Line> lines(Collection<String> tenants, String processKey, Instant from, Instant to) {
        if (tenants != null && tenants.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("from", Timestamp.from(from))
                .addValue("to", Timestamp.from(to));
        String where = PERIOD;
        if (tenants != null) {
            where += " and p.tenant_id in (:tenants)";
            params.addValue("tenants", tenants);
        }
        if (processKey != null) {
            where += " and p.process_key = :process";
            params.addValue("process", processKey);
        }
        Map<List<String>, List<Double>> hours = new HashMap<>();
        jdbc.query(HOURS.formatted(where), params, (ResultSet rs) -> {
            double h = Duration.between(rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()).toMillis()
                    / 3_600_000.0;
            hours.computeIfAbsent(key(rs), k -> new ArrayList<>()).add(h);
        });
        return jdbc.query(TOTALS.formatted(where), params, (rs, n) -> new Line(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), new Tally(rs.getLong("instances"), rs.getLong("completed"),
                rs.getLong("fully_digital"), rs.getLong("done"), rs.getLong("digital"), rs.getLong("signed_docs"),
                rs.getLong("electronic_docs"), rs.getLong("avoided"), rs.getLong("printed"), rs.getLong("reports"),
                rs.getLong("reports_good"), rs.getLong("applications"), rs.getLong("applications_online"),
                hours.getOrDefault(List.of(nz(rs.getString(1)), rs.getString(2), nz(rs.getString(4))), List.of()))));
    }

    private static List<String> key(ResultSet rs) throws SQLException {
        return List.of(nz(rs.getString(1)), rs.getString(2), nz(rs.getString(3)));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
