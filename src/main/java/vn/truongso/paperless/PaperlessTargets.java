package vn.truongso.paperless;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The digital-transformation targets the figures are set against, from configuration
 * ({@code truongso.paperless.targets.<name>.<year>: share}), e.g. paper records reduced by 50% by 2025 and 80% by
 * 2030. The target that applies to a period is the one of the first configured year not before the period's end.
 */
@Component
@ConfigurationProperties(prefix = "truongso.paperless")
public class PaperlessTargets {

    static final String PAPER_REDUCTION = "paper-reduction";
    static final String RECORDS_ONLINE = "records-online";
    static final String REPORTS_ELECTRONIC = "reports-electronic";
    static final String ADMISSIONS_ONLINE = "admissions-online";

    /** target name → year → share (0..1). */
    private Map<String, Map<Integer, Double>> targets = new LinkedHashMap<>();

    public Map<String, Map<Integer, Double>> getTargets() {
        return targets;
    }

    public void setTargets(Map<String, Map<Integer, Double>> targets) {
        this.targets = targets;
    }

    /** A target for one year. */
    record Target(int year, double share) {
    }

    /** The target called {@code name} that applies to a period ending in {@code year}; null if none configured. */
    Target applying(String name, int year) {
        Map<Integer, Double> byYear = targets.get(name);
        if (byYear == null || byYear.isEmpty()) {
            return null;
        }
        TreeMap<Integer, Double> sorted = new TreeMap<>(byYear);
        Map.Entry<Integer, Double> e = sorted.ceilingEntry(year);
        if (e == null) {
            e = sorted.lastEntry();
        }
        return new Target(e.getKey(), e.getValue());
    }
}
