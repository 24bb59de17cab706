package vn.truongso.enrolment;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;

/**
 * bpmn/enrolment-eligibility.dmn in a standalone DMN engine (no process engine, no Spring), remembering which rows
 * matched in each table so that a test can name the rule it exercises.
 */
final class EnrolmentDmn implements EligibilityRules.Decisions {

    static final String RESOURCE = "bpmn/enrolment-eligibility.dmn";

    private final DmnEngine engine;
    private final Map<String, DmnDecision> decisions = new HashMap<>();
    private final Map<String, List<String>> matchedRules = new HashMap<>();

    EnrolmentDmn() {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(this::remember));
        DmnEngine engine = configuration.buildEngine();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            engine.parseDecisions(in).forEach(d -> decisions.put(d.getKey(), d));
            this.engine = engine;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void remember(DmnDecisionTableEvaluationEvent event) {
        matchedRules.put(event.getDecision().getKey(),
                event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList());
    }

    @Override
    public DmnDecisionResult evaluate(String decisionKey, Map<String, Object> variables) {
        matchedRules.clear();
        return engine.evaluateDecision(decisions.get(decisionKey), variables);
    }

    /** The ids of the rows that matched in the given table during the last evaluation. */
    List<String> matched(String decisionKey) {
        return matchedRules.getOrDefault(decisionKey, List.of());
    }
}
