package vn.truongso.report;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ReportCampaignRepository extends JpaRepository<ReportCampaign, UUID> {
    List<ReportCampaign> findByOfficeCodeOrderByOpenedAtDesc(String officeCode);

    List<ReportCampaign> findByIdInOrderByOpenedAtDesc(Collection<UUID> ids);

    boolean existsByScheduleIdAndScheduleYear(Long scheduleId, Integer scheduleYear);

    Optional<ReportCampaign> findByProcessInstanceId(String processInstanceId);
}

interface SchoolReportRepository extends JpaRepository<SchoolReport, UUID> {
    List<SchoolReport> findByCampaignIdOrderBySchoolCode(UUID campaignId);

    Optional<SchoolReport> findByCampaignIdAndSchoolCode(UUID campaignId, String schoolCode);

    @Query("select r.campaignId from SchoolReport r where r.schoolCode = ?1")
    List<UUID> campaignIdsOf(String schoolCode);
}

interface ReportScheduleRepository extends JpaRepository<ReportSchedule, Long> {
    List<ReportSchedule> findByEnabledTrueOrderById();
}
