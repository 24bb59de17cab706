package vn.truongso.school;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The kinds of organisation, from configuration: the administrative map of education offices changes (the district
 * Phòng GDĐT gave way to commune/ward offices in July 2025), so the kinds are data, not an enum.
 */
@Component
@ConfigurationProperties(prefix = "truongso.organisation")
public class OrganisationKinds {

    /** kind code → Vietnamese label. */
    private Map<String, String> kinds = new LinkedHashMap<>();

    public Map<String, String> getKinds() {
        return kinds;
    }

    public void setKinds(Map<String, String> kinds) {
        this.kinds = kinds;
    }

    void requireKnown(String kind) {
        if (!kinds.containsKey(kind)) {
            throw new IllegalArgumentException("Unknown organisation kind " + kind + "; configured: " + kinds.keySet());
        }
    }
}
