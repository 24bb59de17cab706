package vn.truongso.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * A principal with a school's worth of plans narrows her inbox to one teacher or one subject group (tổ chuyên môn);
 * the filters only narrow what is hers already, never widen it to another school's.
 */
@IntegrationTest
class InboxFilterTest {

    @LocalServerPort
    int port;
    @Autowired
    ManagementService management;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, management);
    }

    @Test
    void thePrincipalFiltersHerInboxByTeacherAndBySubjectGroup() {
        // gv.lan's plan passed the head and waits for the principal; tt.hung's own plan waits for its review.
        String lans = api.submitLessonPlan("gv.lan", "Bài 5: Phân số (lọc theo giáo viên)").get("id").asText();
        api.completeAndSign("tt.hung", api.taskOf("tt.hung", lans), "APPROVE", null, "DIGITAL");
        String lansTask = api.taskOf("ht.mai", lans);
        assertThat(lansTask).as("gv.lan's plan in the principal's inbox").isNotNull();
        String hungs = api.submitLessonPlan("tt.hung", "Bài 6: Lực ma sát (lọc theo giáo viên)").get("id").asText();

        List<JsonNode> byLan = all("ht.mai", "submitter=gv.lan");
        assertThat(ids(byLan)).contains(lansTask);
        assertThat(byLan).allSatisfy(t -> assertThat(t.get("requester").asText()).isEqualTo("Nguyễn Thị Lan"));
        assertThat(keys(all("ht.mai", "submitter=tt.hung"))).contains(hungs).doesNotContain(lans);

        List<JsonNode> bySubjectGroup = all("ht.mai", "subjectGroup=THCSHB-KHTN");
        assertThat(keys(bySubjectGroup)).contains(lans, hungs);
        assertThat(bySubjectGroup).allSatisfy(t -> assertThat(t.get("processKey").asText())
                .isIn("lessonPlanApproval"));
        assertThat(all("ht.mai", "subjectGroup=THCSHB-KHTN&submitter=gv.lan")).extracting(t -> t.get("businessKey")
                .asText()).contains(lans).doesNotContain(hungs);
        assertThat(all("ht.mai", "process=schoolReport&submitter=gv.lan")).isEmpty();
    }

    @Test
    void aFilterNamingAnotherSchoolsTeacherOrGroupFindsNothing() {
        String tuans = api.submitLessonPlan("gv.tuan", "Bài 7: Hình thang (trường khác)").get("id").asText();
        assertThat(api.taskOf("tt.linh", tuans)).isNotNull();
        assertThat(all("tt.hung", "submitter=gv.tuan")).isEmpty();
        assertThat(all("ht.mai", "subjectGroup=THCSAP-KHTN")).isEmpty();
        assertThat(all("tt.hung", "subjectGroup=THCSAP-KHTN")).isEmpty();
    }

    /** Every task of the filtered inbox, all pages. */
    private List<JsonNode> all(String user, String query) {
        List<JsonNode> out = new ArrayList<>();
        for (int p = 0; ; p++) {
            Api.Response r = api.get(user, "/api/tasks?size=200&page=" + p + "&" + query);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("items").forEach(out::add);
            if (out.size() >= r.json().get("total").asLong() || r.json().get("items").isEmpty()) {
                return out;
            }
        }
    }

    private static List<String> ids(List<JsonNode> tasks) {
        return tasks.stream().map(t -> t.get("id").asText()).toList();
    }

    private static List<String> keys(List<JsonNode> tasks) {
        return tasks.stream().map(t -> t.get("businessKey").asText()).toList();
    }
}
