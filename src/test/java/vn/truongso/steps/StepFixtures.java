package vn.truongso.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import vn.truongso.common.Channel;
import vn.truongso.support.Api;
import vn.truongso.support.Api.Part;
import vn.truongso.support.TestPdfs;

/**
 * Records written as {@link StepTracking} writes them, for the tests of what is computed from them in other modules
 * (the paperless figures), and a real lesson plan with one step done on paper.
 */
public final class StepFixtures {

    private StepFixtures() {
    }

    /** A process record, COMPLETED at {@code completedAt} (null: still running). */
    public static void process(ApplicationContext context, String processInstanceId, String processKey,
                               String processName, String tenantId, UUID documentId, String startedBy,
                               Instant startedAt, Instant completedAt) {
        ProcessRecord p = new ProcessRecord(processInstanceId, processKey, processName, processInstanceId, tenantId,
                documentId, startedBy, startedAt);
        if (completedAt != null) {
            p.end(ProcessRecord.COMPLETED, completedAt);
        }
        context.getBean(ProcessRecordRepository.class).save(p);
    }

    /**
     * A step record of a person's step started at {@code at}: open when {@code actor} is null, otherwise done a
     * minute later on {@code channel} (decision SIGN for a signature, APPROVE otherwise) with the document's pages.
     */
    public static void step(ApplicationContext context, StepKind kind, String processKey, String processInstanceId,
                            String tenantId, String stepId, String stepName, UUID documentId, Integer printedCopies,
                            Instant at, String actor, Channel channel, int pages) {
        StepRecord r = new StepRecord(kind, processKey, processInstanceId, processInstanceId, tenantId, stepId,
                stepName, kind == StepKind.TASK ? "seed-task-" + UUID.randomUUID() : null, documentId, printedCopies,
                at);
        if (actor != null) {
            r.end(actor, kind == StepKind.SIGNATURE ? "SIGN" : "APPROVE", null, channel, at.plusSeconds(60));
            r.document(pages);
            if (kind == StepKind.SIGNATURE) {
                r.signedElectronically(channel == Channel.DIGITAL);
            }
        }
        context.getBean(StepRecordRepository.class).save(r);
    }

    /** Submits a 3-page plan; the head approves on paper (signed the printed copy), the principal digitally. */
    public static JsonNode planWithHeadOnPaper(Api api, String title) {
        Api.Response up = api.postMultipart("gv.lan", "/api/documents", Part.file("khbd.pdf", "application/pdf",
                TestPdfs.pages(title, 3)), Part.field("title", title), Part.field("kind", "LESSON_PLAN"));
        assertThat(up.status()).isEqualTo(201);
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("documentId", up.json().get("id").asText());
        req.put("subject", "Toán");
        req.put("grade", 8);
        req.put("lessonTitle", title);
        req.put("week", 14);
        Api.Response submitted = api.postJson("gv.lan", "/api/lesson-plans", req);
        assertThat(submitted.status()).isEqualTo(201);
        String id = submitted.json().get("id").asText();
        api.confirm("gv.lan", submitted.json().get("signTransaction").get("transactionId").asText());
        assertThat(api.complete("tt.hung", api.taskOf("tt.hung", id), "APPROVE", null, "PAPER").status())
                .isEqualTo(204);
        assertThat(api.completeAndSign("ht.mai", api.taskOf("ht.mai", id), "APPROVE", "Đồng ý", null).status())
                .isEqualTo(202);
        JsonNode done = api.get("gv.lan", "/api/lesson-plans/" + id).json();
        assertThat(done.get("status").asText()).isEqualTo("APPROVED");
        return done;
    }
}
