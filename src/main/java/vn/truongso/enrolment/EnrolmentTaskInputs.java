package vn.truongso.enrolment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.truongso.common.ApiException;
import vn.truongso.common.VietnamTime;
import vn.truongso.inbox.TaskInputs;
import vn.truongso.school.CurrentUser;

/**
 * The clerk's REQUEST_MORE on "Kiểm tra hồ sơ tuyển sinh": inputs {deadline (ISO date), missingPapers: [...]},
 * checked here and passed to the process as papersDeadline and missingPapers.
 */
@Component
class EnrolmentTaskInputs implements TaskInputs {
    static final int MAX_DAYS = 30;
    private final Clock clock;

    EnrolmentTaskInputs(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean handles(String processKey, String taskKey) {
        return EnrolmentService.PROCESS_KEY.equals(processKey) && "checkPapers".equals(taskKey);
    }

    @Override
    public Map<String, Object> check(String processInstanceId, String taskKey, String decision,
                                     Map<String, Object> inputs, CurrentUser user) {
        if (!"REQUEST_MORE".equals(decision)) {
            return Map.of();
        }
        Object d = inputs.get("deadline");
        LocalDate deadline;
        try {
            deadline = LocalDate.parse(String.valueOf(d));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("DEADLINE_INVALID",
                    "Vui lòng ghi hạn bổ sung giấy tờ (deadline, dạng yyyy-MM-dd, ví dụ 2026-12-01).");
        }
        LocalDate today = LocalDate.now(clock.withZone(VietnamTime.ZONE));
        if (deadline.isBefore(today) || deadline.isAfter(today.plusDays(MAX_DAYS))) {
            throw ApiException.badRequest("DEADLINE_INVALID", "Hạn bổ sung giấy tờ phải từ hôm nay đến "
                    + MAX_DAYS + " ngày tới (đến " + VietnamTime.DAY.format(today.plusDays(MAX_DAYS)) + ").");
        }
        Object missing = inputs.get("missingPapers");
        if (!(missing instanceof List<?> list) || list.isEmpty()) {
            throw ApiException.badRequest("MISSING_PAPERS_REQUIRED",
                    "Vui lòng chọn giấy tờ cần bổ sung (missingPapers: BIRTH_CERTIFICATE, RESIDENCE_CONFIRMATION, PRIORITY_PROOF).");
        }
        EnumSet<PaperKind> kinds = EnumSet.noneOf(PaperKind.class);
        for (Object o : list) {
            try {
                kinds.add(PaperKind.valueOf(String.valueOf(o).strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("PAPER_KIND_INVALID", "Loại giấy tờ không hợp lệ: \"" + o
                        + "\". Các loại hợp lệ: BIRTH_CERTIFICATE, RESIDENCE_CONFIRMATION, PRIORITY_PROOF.");
            }
        }
        return Map.of("papersDeadline", deadline.toString(),
                "missingPapers", String.join(",", kinds.stream().map(Enum::name).toList()));
    }
}
