package vn.truongso.enrolment;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;
import vn.truongso.common.VietnamTime;

/**
 * The steps of an application as its family reads them, from the engine's history: who did what, when (+07:00), with
 * which decision and comment. (The paperless module records the same steps for its figures; reading them from there
 * would make the two modules depend on each other, since it counts this module's applications.)
 */
@Component
public class EnrolmentHistory {

    private static final Set<String> SHOWN = Set.of("startEvent", "userTask", "serviceTask", "receiveTask",
            "callActivity", "boundaryTimer", "noneEndEvent", "endEvent");

    /**
     * One step.
     *
     * @param kind    SUBMISSION (the application), TASK (a person's decision), SIGNATURE, WAIT, AUTOMATIC, END
     * @param actor   the person (null for what the system did)
     * @param channel DIGITAL or PAPER for the submission and people's decisions
     */
    public record Step(String kind, String step, String name, String actor, String decision, String comment,
                String channel, OffsetDateTime startedAt, OffsetDateTime endedAt) {
    }

    private final HistoryService history;

    EnrolmentHistory(HistoryService history) {
        this.history = history;
    }

    /** Every shown step of the application's process, in order. */
    List<Step> of(String processInstanceId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        if (pi == null) {
            return List.of();
        }
        List<HistoricActivityInstance> acts = history.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId).orderPartiallyByOccurrence().asc().list();
        Map<String, Map<String, Object>> taskVars = taskVariables(acts);
        Object startChannel = variable(processInstanceId, "channel");
        List<Step> out = new ArrayList<>();
        for (HistoricActivityInstance a : acts) {
            if (!SHOWN.contains(a.getActivityType())) {
                continue;
            }
            out.add(step(a, pi, taskVars, startChannel));
        }
        out.sort(Comparator.comparing(Step::startedAt));
        return out;
    }

    /** The round's steps that concern one family: the principal's decisions and the signature of their decision. */
    List<Step> ofRound(String roundProcessInstanceId, UUID decisionDocumentId) {
        HistoricProcessInstance pi = history.createHistoricProcessInstanceQuery()
                .processInstanceId(roundProcessInstanceId).singleResult();
        if (pi == null) {
            return List.of();
        }
        List<HistoricActivityInstance> acts = history.createHistoricActivityInstanceQuery()
                .processInstanceId(roundProcessInstanceId).orderPartiallyByOccurrence().asc().list();
        Map<String, Map<String, Object>> taskVars = taskVariables(acts);
        List<Step> out = new ArrayList<>();
        for (HistoricActivityInstance a : acts) {
            if ("userTask".equals(a.getActivityType())) {
                // The principal's comment is on the whole list (it may name other children): the family sees the
                // decision, not the comment (it stays in the round's own history).
                Step s = step(a, pi, taskVars, null);
                out.add(new Step(s.kind(), s.step(), s.name(), s.actor(), s.decision(), null, s.channel(),
                        s.startedAt(), s.endedAt()));
            } else if ("callActivity".equals(a.getActivityType()) && decisionDocumentId != null
                    && a.getCalledProcessInstanceId() != null
                    && decisionDocumentId.toString().equals(variable(a.getCalledProcessInstanceId(), "documentId"))) {
                out.add(step(a, pi, taskVars, null));
            }
        }
        return out;
    }

    private Step step(HistoricActivityInstance a, HistoricProcessInstance pi, Map<String, Map<String, Object>> taskVars,
                      Object startChannel) {
        OffsetDateTime start = VietnamTime.of(a.getStartTime());
        OffsetDateTime end = VietnamTime.of(a.getEndTime());
        return switch (a.getActivityType()) {
            case "startEvent" -> new Step("SUBMISSION", a.getActivityId(), a.getActivityName(), pi.getStartUserId(),
                    "SUBMIT", null, startChannel == null ? "DIGITAL" : startChannel.toString(), start, end);
            case "userTask" -> {
                Map<String, Object> v = taskVars.getOrDefault(a.getTaskId(), Map.of());
                yield new Step("TASK", a.getActivityId(), a.getActivityName(), a.getAssignee(), str(v.get("decision")),
                        str(v.get("comment")), a.getEndTime() == null ? null
                        : (v.get("channel") == null ? "DIGITAL" : v.get("channel").toString()), start, end);
            }
            case "callActivity" -> {
                Object signer = a.getCalledProcessInstanceId() == null ? null
                        : variable(a.getCalledProcessInstanceId(), "signer");
                Object outcome = a.getCalledProcessInstanceId() == null ? null
                        : variable(a.getCalledProcessInstanceId(), "signatureOutcome");
                yield new Step("SIGNATURE", a.getActivityId(), a.getActivityName(), str(signer), str(outcome), null,
                        null, start, end);
            }
            case "receiveTask" -> new Step("WAIT", a.getActivityId(), a.getActivityName(), null, null, null, null,
                    start, end);
            case "noneEndEvent", "endEvent" -> new Step("END", a.getActivityId(), a.getActivityName(), null, null, null,
                    null, start, end);
            default -> new Step("AUTOMATIC", a.getActivityId(), a.getActivityName(), null, null, null, null, start, end);
        };
    }

    private Map<String, Map<String, Object>> taskVariables(List<HistoricActivityInstance> acts) {
        String[] taskIds = acts.stream().map(HistoricActivityInstance::getTaskId).filter(java.util.Objects::nonNull)
                .toArray(String[]::new);
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (taskIds.length == 0) {
            return out;
        }
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().taskIdIn(taskIds)
                .variableNameIn("decision", "comment", "channel").disableCustomObjectDeserialization().list()) {
            out.computeIfAbsent(v.getTaskId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
        }
        return out;
    }

    private Object variable(String processInstanceId, String name) {
        List<HistoricVariableInstance> found = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).disableCustomObjectDeserialization().list();
        // The process-level one (a local variable of the same name may exist in a sub-execution).
        return found.stream().filter(v -> processInstanceId.equals(v.getExecutionId())).findFirst()
                .or(() -> found.stream().findFirst()).map(HistoricVariableInstance::getValue).orElse(null);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
