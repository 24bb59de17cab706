package vn.truongso.paperless;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface StepRecordRepository extends JpaRepository<StepRecord, Long> {
    List<StepRecord> findByProcessInstanceIdOrderByStartedAtAscIdAsc(String processInstanceId);

    Optional<StepRecord> findFirstByTaskIdAndEndedAtIsNull(String taskId);
}
