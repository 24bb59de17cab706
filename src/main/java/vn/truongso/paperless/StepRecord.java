package vn.truongso.paperless;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "step_record")
class StepRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "process_key")
    private String processKey;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "business_key")
    private String businessKey;
    @Column(name = "tenant_id")
    private String tenantId;
    @Column(name = "step_id")
    private String stepId;
    @Column(name = "step_name")
    private String stepName;
    @Column(name = "task_id")
    private String taskId;
    private String actor;
    private String decision;
    private String comment;
    @Enumerated(EnumType.STRING)
    private Channel channel;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "ended_at")
    private Instant endedAt;

    protected StepRecord() {
    }

    StepRecord(String processKey, String processInstanceId, String businessKey, String tenantId, String stepId,
               String stepName, String taskId, Instant startedAt) {
        this.processKey = processKey;
        this.processInstanceId = processInstanceId;
        this.businessKey = businessKey;
        this.tenantId = tenantId;
        this.stepId = stepId;
        this.stepName = stepName;
        this.taskId = taskId;
        this.startedAt = startedAt;
    }

    void end(String actor, String decision, String comment, Channel channel, Instant at) {
        this.actor = actor;
        this.decision = decision;
        this.comment = comment;
        this.channel = channel;
        this.endedAt = at;
    }

    Long getId() {
        return id;
    }

    String getProcessKey() {
        return processKey;
    }

    String getProcessInstanceId() {
        return processInstanceId;
    }

    String getStepId() {
        return stepId;
    }

    String getStepName() {
        return stepName;
    }

    String getTaskId() {
        return taskId;
    }

    String getActor() {
        return actor;
    }

    String getDecision() {
        return decision;
    }

    String getComment() {
        return comment;
    }

    Channel getChannel() {
        return channel;
    }

    Instant getStartedAt() {
        return startedAt;
    }

    Instant getEndedAt() {
        return endedAt;
    }
}
