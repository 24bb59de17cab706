package vn.truongso.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.truongso.common.VietnamTime;
import vn.truongso.document.DocumentService;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/** A campaign's template is a form the office hands to its schools: it must be the office's own document. */
@IntegrationTest
class CampaignTemplateTest {

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DocumentService documents;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anOfficerCannotHandOneSchoolsReportToOtherSchoolsAsATemplate() {
        // A report of THCSHB the office received (it may read it: the school sent it).
        String schoolsReport = api.upload("vt.hoa", "Báo cáo của Trường THCS Hòa Bình", "REPORT");
        documents.grantRead(UUID.fromString(schoolsReport), "VHXH-HB", null);
        assertThat(api.get("cv.nam", "/api/documents/" + schoolsReport).status()).isEqualTo(200);
        assertThat(api.get("vt.thu", "/api/documents/" + schoolsReport).status()).isEqualTo(404);

        long campaigns = jdbc.queryForObject("select count(*) from report_campaign", Long.class);
        long grants = jdbc.queryForObject("select count(*) from document_read_grant", Long.class);
        long processes = runtime.createProcessInstanceQuery().processDefinitionKey("reportCampaign").count();
        Api.Response r = api.postJson("cv.nam", "/api/report-campaigns", Map.of("title", "Báo cáo theo mẫu lạ",
                "period", "AD_HOC", "deadline", LocalDate.now(VietnamTime.ZONE).plusDays(3).toString(),
                "schoolCodes", List.of("THCSAP"), "templateDocumentId", schoolsReport));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("TEMPLATE_NOT_OFFICE_DOCUMENT");
        assertThat(r.json().get("detail").asText()).contains("mẫu");

        // Nothing was created, and the other school still cannot read THCSHB's report.
        assertThat(jdbc.queryForObject("select count(*) from report_campaign", Long.class)).isEqualTo(campaigns);
        assertThat(jdbc.queryForObject("select count(*) from document_read_grant", Long.class)).isEqualTo(grants);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("reportCampaign").count())
                .isEqualTo(processes);
        assertThat(api.get("vt.thu", "/api/documents/" + schoolsReport).status()).isEqualTo(404);
        assertThat(api.get("ht.son", "/api/documents/" + schoolsReport + "/content").status()).isEqualTo(404);
    }
}
