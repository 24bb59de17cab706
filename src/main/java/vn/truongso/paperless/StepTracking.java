package vn.truongso.paperless;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one mechanism that records steps: at parse time every process start and every user task of every BPMN file
 * gets built-in listeners, so tracking needs no per-process code and cannot be skipped by a model.
 *
 * <p>Who acted: the assignee of a completed task (the inbox claims before completing), or the authenticated user who
 * started the process. How: the task-local variable {@code channel} (DIGITAL unless said otherwise), with
 * {@code decision} and {@code comment}.
 */
@Component
class StepTracking extends AbstractProcessEnginePlugin {

    static final String CHANNEL = "channel";
    static final String DECISION = "decision";
    static final String COMMENT = "comment";

    private final ObjectProvider<StepRecordRepository> records;
    private final Clock clock;

    StepTracking(ObjectProvider<StepRecordRepository> records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl config) {
        config.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition def = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                def.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, StepTracking.this::taskCreated);
                def.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, StepTracking.this::taskCompleted);
                def.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, StepTracking.this::taskDeleted);
            }

            @Override
            public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (scope instanceof ProcessDefinitionEntity) {
                    activity.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                            (ExecutionListener) StepTracking.this::processStarted);
                }
            }
        });
    }

    private void processStarted(DelegateExecution execution) {
        if (((ExecutionEntity) execution).getProcessInstance().getSuperExecutionId() != null) {
            return; // a called process (e.g. a remote signature) is a part of its caller's step, not a submission
        }
        StepRecord r = new StepRecord(processKey(execution), execution.getProcessInstanceId(),
                execution.getProcessBusinessKey(), execution.getTenantId(), execution.getCurrentActivityId(),
                execution.getCurrentActivityName(), null, clock.instant());
        String actor = Context.getCommandContext().getAuthenticatedUserId();
        r.end(actor, "SUBMIT", null, channelOf(execution.getVariable(CHANNEL)), clock.instant());
        records.getObject().save(r);
    }

    private void taskCreated(DelegateTask task) {
        records.getObject().save(new StepRecord(processKey(task.getExecution()), task.getProcessInstanceId(),
                task.getExecution().getProcessBusinessKey(), task.getTenantId(), task.getTaskDefinitionKey(),
                task.getName(), task.getId(), clock.instant()));
    }

    private void taskCompleted(DelegateTask task) {
        records.getObject().findFirstByTaskIdAndEndedAtIsNull(task.getId()).ifPresent(r -> {
            Object decision = task.getVariableLocal(DECISION);
            Object comment = task.getVariableLocal(COMMENT);
            r.end(task.getAssignee(), decision == null ? null : decision.toString(),
                    comment == null ? null : comment.toString(), channelOf(task.getVariableLocal(CHANNEL)),
                    clock.instant());
        });
    }

    private void taskDeleted(DelegateTask task) {
        records.getObject().findFirstByTaskIdAndEndedAtIsNull(task.getId())
                .ifPresent(r -> r.end(null, "CANCELLED", task.getDeleteReason(), null, clock.instant()));
    }

    private static Channel channelOf(Object value) {
        return value == null ? Channel.DIGITAL : Channel.valueOf(value.toString());
    }

    private static String processKey(DelegateExecution execution) {
        return ((ExecutionEntity) execution).getProcessDefinition().getKey();
    }
}
