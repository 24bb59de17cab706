package vn.truongso.steps;

import static vn.truongso.steps.ProcessVariables.DECISION;
import static vn.truongso.steps.ProcessVariables.DOCUMENT_ID;
import static vn.truongso.steps.ProcessVariables.LAST_ACTOR;
import static vn.truongso.steps.ProcessVariables.LAST_AUTHORITY;
import static vn.truongso.steps.ProcessVariables.SIGNATURE_OUTCOME;

import vn.truongso.common.Channel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.truongso.document.DocumentService;

/**
 * The one mechanism that records steps: at parse time every process, its start, every user task and every call of
 * the remote signature ({@code bpmn/remote-signature.bpmn}) in every BPMN file get built-in listeners, so tracking
 * needs no per-process code and cannot be skipped by a model. So do the engine's own steps — service tasks
 * (AUTOMATIC), receive tasks (WAIT), boundary timers that fire (AUTOMATIC) and end events (END) — for the whole story
 * of an instance; they carry no actor and no channel, so no history of people's steps and no figure sees them (not
 * recorded inside a remote signature, which is a step of its caller).
 *
 * <ul>
 *   <li>Who acted: the assignee of a completed task (the inbox claims before completing), the authenticated user who
 *   started the process, the {@code signer} of a signature; and in which capacity, when not their own (task-local
 *   {@code authority}; for a signature, the caller's {@code lastAuthority} when its signer is the {@code lastActor}). How: the task-local variable {@code channel} (DIGITAL
 *   unless said otherwise), with {@code decision} and {@code comment}; a signature is DIGITAL when its outcome is
 *   SIGNED (signed electronically), PAPER when it was given by hand, and not done otherwise.</li>
 *   <li>Which document: the process variable {@code documentId}; its pages (current version) when the step ends.</li>
 *   <li>What paper it saves: a user task may declare {@code <camunda:property name="printedCopies" value="2"/>};
 *   done digitally it avoids copies × pages printed pages. What a morning digest counts it as:
 *   {@code <camunda:property name="digestLabel" value="kế hoạch bài dạy chờ duyệt"/>} (on {@link TaskAssigned}).</li>
 *   <li>Every process instance (not a remote signature, which is a step of its caller) gets a {@link ProcessRecord}: submitted by whom, when, and when it
 *   completed or was cancelled.</li>
 * </ul>
 */
@Component
class StepTracking extends AbstractProcessEnginePlugin {

    static final String CHANNEL = "channel";
    static final String COMMENT = "comment";
    static final String PRINTED_COPIES = "printedCopies";
    /** What a morning digest counts a user task as, e.g. "kế hoạch bài dạy chờ duyệt" ({@link TaskAssigned}). */
    static final String DIGEST_LABEL = "digestLabel";
    /** The called process every signature goes through, its signer input and its outcome output. */
    static final String SIGNATURE_PROCESS = "remoteSignature";
    static final String SIGNER = "signer";
    /**
     * The capacity someone acted in when not their own (the inbox sets it: task-local {@code authority}, process
     * {@code lastAuthority} next to {@code lastActor}), e.g. a vice-principal signing for the principal.
     */
    static final String AUTHORITY = "authority";

    private static final Namespace CAMUNDA = new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS);

    private final ObjectProvider<StepRecordRepository> records;
    private final ObjectProvider<ProcessRecordRepository> processes;
    private final ObjectProvider<DocumentService> documents;
    private final ObjectProvider<ApplicationEventPublisher> events;
    private final Clock clock;

    StepTracking(ObjectProvider<StepRecordRepository> records, ObjectProvider<ProcessRecordRepository> processes,
                 ObjectProvider<DocumentService> documents, ObjectProvider<ApplicationEventPublisher> events,
                 Clock clock) {
        this.records = records;
        this.processes = processes;
        this.documents = documents;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl config) {
        config.getCustomPreBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element element, ProcessDefinitionEntity definition) {
                definition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                        (ExecutionListener) StepTracking.this::processEnded);
            }

            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                Integer copies = printedCopies(element);
                String digestLabel = property(element, DIGEST_LABEL);
                TaskDefinition def = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                def.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE,
                        task -> taskCreated(task, copies, digestLabel));
                def.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, StepTracking.this::taskCompleted);
                def.addBuiltInTaskListener(TaskListener.EVENTNAME_DELETE, StepTracking.this::taskDeleted);
            }

            @Override
            public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (scope instanceof ProcessDefinitionEntity) {
                    Integer copies = printedCopies(element);
                    activity.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                            (ExecutionListener) e -> processStarted(e, copies));
                }
            }

            // What the engine does by itself, recorded for the story of an instance (StepHistory.story), not for
            // people's histories or the figures: no channel.
            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                engineStep(activity, StepKind.AUTOMATIC);
            }

            @Override
            public void parseReceiveTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                engineStep(activity, StepKind.WAIT);
            }

            @Override
            public void parseBoundaryTimerEventDefinition(Element timerEventDefinition, boolean interrupting,
                                                          ActivityImpl timerActivity) {
                // A timer that fired is a moment: recorded done when it is left.
                timerActivity.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                        (ExecutionListener) e -> engineMoment(e, StepKind.AUTOMATIC));
            }

            @Override
            public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                activity.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                        (ExecutionListener) e -> engineMoment(e, StepKind.END));
            }

            @Override
            public void parseCallActivity(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (SIGNATURE_PROCESS.equals(element.attribute("calledElement"))) {
                    Integer copies = printedCopies(element);
                    activity.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                            (ExecutionListener) e -> signatureStarted(e, copies));
                    activity.addBuiltInListener(ExecutionListener.EVENTNAME_END,
                            (ExecutionListener) StepTracking.this::signatureEnded);
                }
            }
        });
    }

    /** An activity the engine runs or waits in: recorded open when entered, done when left. */
    private void engineStep(ActivityImpl activity, StepKind kind) {
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                (ExecutionListener) e -> engineStepStarted(e, kind));
        activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, (ExecutionListener) this::engineStepEnded);
    }

    /** {@code <camunda:property name="printedCopies" value="2"/>} of a task, or null when it declares none. */
    static Integer printedCopies(Element element) {
        String value = property(element, PRINTED_COPIES);
        if (value == null) {
            return null;
        }
        try {
            int copies = Integer.parseInt(value.trim());
            if (copies >= 0) {
                return copies;
            }
        } catch (RuntimeException e) {
            // fall through: a malformed value is a modelling error, reported at deployment
        }
        throw new IllegalArgumentException("printedCopies of " + element.attribute("id")
                + " must be a whole number ≥ 0, not '" + value + "'");
    }

    /** The value of {@code <camunda:property name="…">} of an element, or null when it declares none. */
    static String property(Element element, String name) {
        Element ext = element.element("extensionElements");
        Element props = ext == null ? null : ext.elementNS(CAMUNDA, "properties");
        if (props == null) {
            return null;
        }
        for (Element p : props.elementsNS(CAMUNDA, "property")) {
            if (name.equals(p.attribute("name"))) {
                String value = p.attribute("value");
                return value == null || value.isBlank() ? null : value.strip();
            }
        }
        return null;
    }

    private void processStarted(DelegateExecution execution, Integer copies) {
        ExecutionEntity instance = ((ExecutionEntity) execution).getProcessInstance();
        if (instance.getSuperExecutionId() != null && SIGNATURE_PROCESS.equals(processKey(execution))) {
            // A remote signature is a part of its caller's step, not a submission: it only tells the caller's
            // signature step who signs. Other called processes (a school's report in an office's campaign) are
            // processes of their own organisation and are recorded as such.
            ExecutionEntity caller = instance.getSuperExecution();
            Object signer = execution.getVariable(SIGNER);
            if (caller != null && signer != null) {
                // The one who signs is the one who just decided (lastActor): in the capacity they decided in.
                Object authority = signer.equals(caller.getVariable(LAST_ACTOR)) ? caller.getVariable(LAST_AUTHORITY)
                        : null;
                records.getObject().findFirstByProcessInstanceIdAndStepIdAndEndedAtIsNullOrderByIdDesc(
                        caller.getProcessInstanceId(), caller.getActivityId()).ifPresent(r -> {
                            r.actor(signer.toString());
                            r.authority(authority == null ? null : authority.toString());
                        });
            }
            return;
        }
        UUID document = documentOf(execution);
        String actor = Context.getCommandContext().getAuthenticatedUserId();
        StepRecord r = new StepRecord(StepKind.SUBMISSION, processKey(execution), execution.getProcessInstanceId(),
                execution.getProcessBusinessKey(), execution.getTenantId(), execution.getCurrentActivityId(),
                execution.getCurrentActivityName(), null, document, copies, clock.instant());
        r.end(actor, "SUBMIT", null, channelOf(execution.getVariable(CHANNEL)), clock.instant());
        r.document(pages(document));
        records.getObject().save(r);
        ProcessDefinitionEntity definition = ((ExecutionEntity) execution).getProcessDefinition();
        processes.getObject().save(new ProcessRecord(execution.getProcessInstanceId(), definition.getKey(),
                definition.getName(), execution.getProcessBusinessKey(), execution.getTenantId(), document, actor,
                clock.instant()));
    }

    private void processEnded(DelegateExecution execution) {
        if (!execution.getId().equals(execution.getProcessInstanceId())) {
            return;
        }
        processes.getObject().findById(execution.getProcessInstanceId()).ifPresent(p -> p.end(
                execution.isCanceled() ? ProcessRecord.CANCELLED : ProcessRecord.COMPLETED, clock.instant()));
    }

    private void taskCreated(DelegateTask task, Integer copies, String digestLabel) {
        records.getObject().save(new StepRecord(StepKind.TASK, processKey(task.getExecution()),
                task.getProcessInstanceId(), task.getExecution().getProcessBusinessKey(), task.getTenantId(),
                task.getTaskDefinitionKey(), task.getName(), task.getId(), documentOf(task.getExecution()), copies,
                clock.instant()));
        taskAssigned(task, digestLabel);
    }

    /** Tells whoever listens (notification: mail and in-app) that a task waits for a person or groups. */
    private void taskAssigned(DelegateTask task, String digestLabel) {
        List<String> groups = new ArrayList<>();
        List<String> people = new ArrayList<>();
        for (IdentityLink link : task.getCandidates()) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
                if (link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                } else if (link.getUserId() != null) {
                    people.add(link.getUserId());
                }
            }
        }
        Object title = task.getExecution().getVariable(ProcessVariables.DISPLAY_TITLE);
        Object requester = task.getExecution().getVariable(ProcessVariables.REQUESTER_NAME);
        Object submitter = task.getExecution().getVariable(ProcessVariables.SUBMITTER);
        events.getObject().publishEvent(new TaskAssigned(task.getId(), task.getName(), processKey(task.getExecution()),
                task.getExecution().getProcessBusinessKey(), task.getTenantId(), task.getAssignee(),
                List.copyOf(groups), List.copyOf(people), title == null ? null : title.toString(),
                requester == null ? null : requester.toString(), submitter == null ? null : submitter.toString(),
                digestLabel));
    }

    private void taskCompleted(DelegateTask task) {
        records.getObject().findFirstByTaskIdAndEndedAtIsNull(task.getId()).ifPresent(r -> {
            Object decision = task.getVariableLocal(DECISION);
            Object comment = task.getVariableLocal(COMMENT);
            Object authority = task.getVariableLocal(AUTHORITY);
            r.end(task.getAssignee(), decision == null ? null : decision.toString(),
                    comment == null ? null : comment.toString(), channelOf(task.getVariableLocal(CHANNEL)),
                    clock.instant());
            r.authority(authority == null ? null : authority.toString());
            r.document(pages(r.getDocumentId()));
        });
    }

    private void taskDeleted(DelegateTask task) {
        records.getObject().findFirstByTaskIdAndEndedAtIsNull(task.getId())
                .ifPresent(r -> r.end(null, "CANCELLED", task.getDeleteReason(), null, clock.instant()));
    }

    private void signatureStarted(DelegateExecution execution, Integer copies) {
        records.getObject().save(new StepRecord(StepKind.SIGNATURE, processKey(execution),
                execution.getProcessInstanceId(), execution.getProcessBusinessKey(), execution.getTenantId(),
                execution.getCurrentActivityId(), execution.getCurrentActivityName(), null, documentOf(execution),
                copies, clock.instant()));
    }

    /**
     * A {@link SignatureOutcome#done() done} signature is the step SIGN, on the channel it was given on (SIGNED:
     * DIGITAL, PAPER: by hand on the printed copy); any other outcome is recorded as the step's decision, by name.
     */
    private void signatureEnded(DelegateExecution execution) {
        records.getObject().findFirstByProcessInstanceIdAndStepIdAndEndedAtIsNullOrderByIdDesc(
                execution.getProcessInstanceId(), execution.getCurrentActivityId()).ifPresent(r -> {
            Object outcome = execution.isCanceled() ? null : execution.getVariable(SIGNATURE_OUTCOME);
            String o = outcome == null ? "CANCELLED" : outcome.toString();
            Channel channel = SignatureOutcome.of(outcome).filter(SignatureOutcome::done)
                    .map(s -> s.electronic() ? Channel.DIGITAL : Channel.PAPER).orElse(null);
            r.end(r.getActor(), channel == null ? o : "SIGN", null, channel, clock.instant());
            r.signedElectronically(channel == null ? null : channel == Channel.DIGITAL);
            r.document(pages(r.getDocumentId()));
        });
    }

    private void engineStepStarted(DelegateExecution execution, StepKind kind) {
        if (!partOfASignature(execution)) {
            records.getObject().save(engineRecord(execution, kind));
        }
    }

    private void engineStepEnded(DelegateExecution execution) {
        if (!partOfASignature(execution)) {
            records.getObject().findFirstByProcessInstanceIdAndStepIdAndEndedAtIsNullOrderByIdDesc(
                            execution.getProcessInstanceId(), execution.getCurrentActivityId())
                    .ifPresent(r -> r.end(null, null, null, null, clock.instant()));
        }
    }

    private void engineMoment(DelegateExecution execution, StepKind kind) {
        if (!partOfASignature(execution)) {
            StepRecord r = engineRecord(execution, kind);
            r.end(null, null, null, null, clock.instant());
            records.getObject().save(r);
        }
    }

    private StepRecord engineRecord(DelegateExecution execution, StepKind kind) {
        return new StepRecord(kind, processKey(execution), execution.getProcessInstanceId(),
                execution.getProcessBusinessKey(), execution.getTenantId(), execution.getCurrentActivityId(),
                execution.getCurrentActivityName(), null, documentOf(execution), null, clock.instant());
    }

    /** The inner workings of a remote signature: its caller's SIGNATURE step tells all a history needs. */
    private static boolean partOfASignature(DelegateExecution execution) {
        return SIGNATURE_PROCESS.equals(processKey(execution));
    }

    private Integer pages(UUID document) {
        return document == null ? null : documents.getObject().pages(document).orElse(null);
    }

    private static UUID documentOf(DelegateExecution execution) {
        Object id = execution.getVariable(DOCUMENT_ID);
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Channel channelOf(Object value) {
        return value == null ? Channel.DIGITAL : Channel.valueOf(value.toString());
    }

    private static String processKey(DelegateExecution execution) {
        return ((ExecutionEntity) execution).getProcessDefinition().getKey();
    }
}
