package vn.truongso.steps;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface StepRecordRepository extends JpaRepository<StepRecord, Long> {
    List<StepRecord> findByProcessInstanceIdOrderByStartedAtAscIdAsc(String processInstanceId);

    List<StepRecord> findByProcessInstanceIdIn(Collection<String> processInstanceIds);

    Optional<StepRecord> findFirstByTaskIdAndEndedAtIsNull(String taskId);

    Optional<StepRecord> findFirstByProcessInstanceIdAndStepIdAndEndedAtIsNullOrderByIdDesc(String processInstanceId,
                                                                                             String stepId);
}

interface ProcessRecordRepository extends JpaRepository<ProcessRecord, String> {
    List<ProcessRecord> findByTenantIdInAndStartedAtGreaterThanEqualAndStartedAtLessThan(Collection<String> tenants,
                                                                                         Instant from, Instant to);

    List<ProcessRecord> findByStartedAtGreaterThanEqualAndStartedAtLessThan(Instant from, Instant to);

    List<ProcessRecord> findByDocumentIdOrderByStartedAtDesc(UUID documentId);
}
