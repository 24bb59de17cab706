package vn.truongso.inbox;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * What a user task accepts, as its BPMN model declares it in extension properties: {@code decisions} (e.g.
 * "APPROVE,RETURN"), {@code commentRequiredFor} (e.g. "RETURN") and {@code review} ("true": a review or approval of
 * the document someone submitted, which that person never does; the process names them in its variable
 * {@code submitter}). Read once per process definition and task.
 */
@Component
class TaskRules {

    record Rules(List<String> decisions, List<String> commentRequiredFor, boolean review) {
    }

    private final RepositoryService repository;
    private final Map<String, Rules> cache = new ConcurrentHashMap<>();

    TaskRules(RepositoryService repository) {
        this.repository = repository;
    }

    Rules of(String processDefinitionId, String taskKey) {
        return cache.computeIfAbsent(processDefinitionId + "#" + taskKey, k -> read(processDefinitionId, taskKey));
    }

    private Rules read(String processDefinitionId, String taskKey) {
        UserTask task = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(taskKey);
        String decisions = property(task, "decisions");
        String commentFor = property(task, "commentRequiredFor");
        return new Rules(decisions == null ? List.of("COMPLETE") : split(decisions),
                commentFor == null ? List.of() : split(commentFor), "true".equalsIgnoreCase(property(task, "review")));
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static String property(UserTask task, String name) {
        ExtensionElements ext = task == null ? null : task.getExtensionElements();
        if (ext == null) {
            return null;
        }
        for (CamundaProperties props : ext.getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty p : props.getCamundaProperties()) {
                if (name.equals(p.getCamundaName())) {
                    return p.getCamundaValue();
                }
            }
        }
        return null;
    }
}
