package vn.truongso.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import vn.truongso.enrolment.EnrolmentService;
import vn.truongso.lessonplan.LessonPlanService;
import vn.truongso.school.UserDirectory;
import vn.truongso.support.Api;
import vn.truongso.support.IntegrationTest;

/**
 * Bean Validation on request records, as a client sees it: 400, the stable code of the first field wrong (in the
 * order the request declares them), its Vietnamese text whatever the Accept-Language, and every field wrong under
 * {@code fields}; the parent's page gets the same refusal from the service.
 */
@IntegrationTest
class RequestValidationTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    Clock clock;
    @Autowired
    EnrolmentService enrolments;
    @Autowired
    LessonPlanService lessonPlans;
    @Autowired
    UserDirectory users;
    @Autowired
    Validator validator;
    @Autowired
    MessageSource messages;
    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port, engine.getManagementService());
    }

    /** An application whose shape is right (the school and papers are never reached when it is not). */
    private static Map<String, Object> application() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("child", new LinkedHashMap<>(Map.of("fullName", "Lê Văn Nam", "birthDate", "2015-03-14",
                "personalId", "001215123456", "gender", "MALE")));
        body.put("parent", new LinkedHashMap<>(Map.of("fullName", "Lê Văn Bình", "phone", "0912 345 678",
                "email", "binh@example.com")));
        body.put("address", new LinkedHashMap<>(Map.of("text", "12 Tô Hiệu", "ward", "Hòa Bình",
                "lat", 21.0, "lon", 105.8)));
        body.put("schoolCode", "THCSAP");
        body.put("grade", 6);
        body.put("papers", List.of());
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(Map<String, Object> body, String name) {
        return (Map<String, Object>) body.get(name);
    }

    private Api.Response post(String user, String path, Object body, String language) {
        return api.send("POST", user, path, Api.Body.json(body), Map.of("Accept-Language", language));
    }

    private static void refused(Api.Response r, String code, String detail) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).as(r.toString()).isEqualTo(code);
        assertThat(r.json().get("detail").asText()).as(r.toString()).isEqualTo(detail);
    }

    @Test
    void eachBadFieldOfAnApplicationAnswersItsOwnCodeInVietnamese() {
        String today = LocalDate.now(clock.withZone(VietnamTime.ZONE)).toString();
        String tomorrow = LocalDate.now(clock.withZone(VietnamTime.ZONE)).plusDays(1).toString();
        List<Object[]> cases = new ArrayList<>();
        Map<String, Object> b;
        b = application();
        b.remove("child");
        cases.add(new Object[]{b, "CHILD_REQUIRED", "Vui lòng nhập thông tin của trẻ (child)."});
        b = application();
        part(b, "child").put("fullName", "   ");
        cases.add(new Object[]{b, "CHILD_NAME_REQUIRED", "Vui lòng nhập họ và tên của trẻ (tối đa 200 ký tự)."});
        b = application();
        part(b, "child").put("fullName", "  " + "Lê".repeat(101) + "  ");
        cases.add(new Object[]{b, "CHILD_NAME_REQUIRED", "Vui lòng nhập họ và tên của trẻ (tối đa 200 ký tự)."});
        b = application();
        part(b, "child").remove("birthDate");
        cases.add(new Object[]{b, "BIRTH_DATE_MISSING", "Vui lòng nhập ngày sinh của trẻ."});
        b = application();
        part(b, "child").put("birthDate", tomorrow);
        cases.add(new Object[]{b, "BIRTH_DATE_INVALID", "Ngày sinh của trẻ không được ở tương lai."});
        b = application();
        b.put("parent", null);
        cases.add(new Object[]{b, "PARENT_REQUIRED", "Vui lòng nhập thông tin cha mẹ hoặc người giám hộ (parent)."});
        b = application();
        part(b, "parent").put("fullName", "");
        cases.add(new Object[]{b, "PARENT_NAME_REQUIRED",
                "Vui lòng nhập họ và tên cha mẹ hoặc người giám hộ (tối đa 200 ký tự)."});
        String phone = "Số điện thoại không hợp lệ: cần số di động Việt Nam 10 chữ số (ví dụ 0912345678 hoặc "
                + "+84912345678).";
        for (String bad : new String[]{"12345", "0212345678", "091234567", "+8409123456789", "0912a45678"}) {
            b = application();
            part(b, "parent").put("phone", bad);
            cases.add(new Object[]{b, "PHONE_INVALID", phone});
        }
        b = application();
        part(b, "parent").remove("phone");
        cases.add(new Object[]{b, "PHONE_INVALID", phone});
        for (String bad : new String[]{"binh-at-example", "a@b", "binh@@example.com", "x".repeat(190) + "@example.com"}) {
            b = application();
            part(b, "parent").put("email", bad);
            cases.add(new Object[]{b, "EMAIL_INVALID", "Địa chỉ thư điện tử không hợp lệ (ví dụ ten@example.com)."});
        }
        b = application();
        part(b, "address").put("text", "x".repeat(501));
        cases.add(new Object[]{b, "ADDRESS_REQUIRED", "Vui lòng nhập địa chỉ nơi cư trú (tối đa 500 ký tự)."});
        b = application();
        b.remove("address");
        cases.add(new Object[]{b, "ADDRESS_REQUIRED", "Vui lòng nhập địa chỉ nơi cư trú (tối đa 500 ký tự)."});
        b = application();
        part(b, "address").put("ward", " ");
        cases.add(new Object[]{b, "WARD_MISSING", "Vui lòng nhập phường, xã nơi cư trú."});
        b = application();
        part(b, "address").remove("lon");
        cases.add(new Object[]{b, "LOCATION_INVALID", "Vui lòng chọn vị trí nơi cư trú trên bản đồ (vĩ độ, kinh độ)."});
        b = application();
        b.put("schoolCode", "");
        cases.add(new Object[]{b, "SCHOOL_REQUIRED", "Vui lòng chọn trường đăng ký (schoolCode)."});

        for (Object[] c : cases) {
            // Vietnamese whatever language the browser asks for
            for (String language : new String[]{"vi-VN", "en-US"}) {
                refused(post("ph.binh", "/api/enrolments", c[0], language), (String) c[1], (String) c[2]);
            }
        }
        // The shapes that are fine pass the constraints and meet the service's own checks (here: the papers).
        b = application();
        part(b, "child").put("birthDate", today);
        part(b, "parent").put("phone", " +84 912.345-678 ");
        part(b, "parent").put("email", "  ");
        part(b, "child").put("fullName", " " + "Lê".repeat(100) + " ");
        Api.Response passed = post("ph.binh", "/api/enrolments", b, "vi");
        assertThat(passed.json().get("code").asText()).as(passed.toString())
                .isNotIn("BIRTH_DATE_INVALID", "PHONE_INVALID", "EMAIL_INVALID", "CHILD_NAME_REQUIRED");
    }

    @Test
    void severalBadFieldsAnswerTheFirstInTheOrderOfTheFormAndListThemAll() {
        Api.Response empty = post("ph.binh", "/api/enrolments", Map.of(), "vi");
        refused(empty, "CHILD_REQUIRED", "Vui lòng nhập thông tin của trẻ (child).");
        JsonNode fields = empty.json().get("fields");
        assertThat(fields.fieldNames()).toIterable().containsExactly("child", "parent", "address", "schoolCode");
        assertThat(fields.get("schoolCode").asText()).isEqualTo("Vui lòng chọn trường đăng ký (schoolCode).");

        Map<String, Object> b = application();
        b.put("schoolCode", " ");
        part(b, "address").put("ward", null);
        part(b, "parent").put("email", "binh");
        part(b, "parent").put("phone", "1");
        part(b, "child").put("birthDate", null);
        Api.Response many = post("ph.binh", "/api/enrolments", b, "vi");
        refused(many, "BIRTH_DATE_MISSING", "Vui lòng nhập ngày sinh của trẻ.");
        assertThat(many.json().get("fields").fieldNames()).toIterable().containsExactly("child.birthDate",
                "parent.phone", "parent.email", "address.ward", "schoolCode");
    }

    @Test
    void aDelegationWithOneFieldWrongStillAnswersValidationFailedWithTheFieldsText() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delegate", "pht.an");
        body.put("validFrom", LocalDate.now(clock.withZone(VietnamTime.ZONE)).toString());
        body.put("validTo", LocalDate.now(clock.withZone(VietnamTime.ZONE)).plusDays(1).toString());
        body.put("note", "x".repeat(501));
        Api.Response r = post("ht.mai", "/api/delegations", body, "en");
        refused(r, "VALIDATION_FAILED", "Dữ liệu gửi lên không hợp lệ.");
        assertThat(r.json().get("fields").get("note").asText()).isEqualTo("Ghi chú tối đa 500 ký tự.");
    }

    @Test
    void aLessonPlanWithAFieldWrongAnswersThatFieldsCodeInVietnamese() {
        String doc = api.uploadLessonPlan("gv.lan", "Bài 5: Phân số");
        List<Object[]> cases = new ArrayList<>();
        Map<String, Object> b;
        b = lessonPlan(doc);
        b.remove("documentId");
        cases.add(new Object[]{b, "DOCUMENT_REQUIRED", "Vui lòng chọn tệp kế hoạch bài dạy (documentId)."});
        b = lessonPlan(doc);
        b.put("subject", "  ");
        cases.add(new Object[]{b, "SUBJECT_REQUIRED", "Vui lòng nhập môn học (tối đa 120 ký tự)."});
        b = lessonPlan(doc);
        b.put("subject", "x".repeat(121));
        cases.add(new Object[]{b, "SUBJECT_REQUIRED", "Vui lòng nhập môn học (tối đa 120 ký tự)."});
        for (Object grade : new Object[]{null, 0, 13}) {
            b = lessonPlan(doc);
            b.put("grade", grade);
            cases.add(new Object[]{b, "GRADE_INVALID", "Khối lớp phải từ 1 đến 12."});
        }
        b = lessonPlan(doc);
        b.remove("lessonTitle");
        cases.add(new Object[]{b, "LESSON_TITLE_REQUIRED", "Vui lòng nhập tên bài dạy (tối đa 500 ký tự)."});
        b = lessonPlan(doc);
        b.put("lessonTitle", "x".repeat(501));
        cases.add(new Object[]{b, "LESSON_TITLE_REQUIRED", "Vui lòng nhập tên bài dạy (tối đa 500 ký tự)."});
        for (Object week : new Object[]{null, 0, 53}) {
            b = lessonPlan(doc);
            b.put("week", week);
            cases.add(new Object[]{b, "WEEK_INVALID", "Tuần phải từ 1 đến 52."});
        }
        for (Object[] c : cases) {
            refused(post("gv.lan", "/api/lesson-plans", c[0], "en-US"), (String) c[1], (String) c[2]);
        }
        b = lessonPlan(doc);
        b.put("week", 60);
        b.put("subject", "");
        Api.Response many = post("gv.lan", "/api/lesson-plans", b, "vi");
        refused(many, "SUBJECT_REQUIRED", "Vui lòng nhập môn học (tối đa 120 ký tự).");
        assertThat(many.json().get("fields").fieldNames()).toIterable().containsExactly("subject", "week");
        // The bounds themselves pass
        assertThat(validator.validate(new LessonPlanService.SubmitRequest(java.util.UUID.randomUUID(),
                "x".repeat(120), 12, "x".repeat(500), 52))).isEmpty();
        assertThat(validator.validate(new LessonPlanService.SubmitRequest(java.util.UUID.randomUUID(), "Toán", 1,
                "Bài 1", 1))).isEmpty();
    }

    private static Map<String, Object> lessonPlan(String documentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documentId", documentId);
        body.put("subject", "Toán");
        body.put("grade", 6);
        body.put("lessonTitle", "Bài 5: Phân số");
        body.put("week", 9);
        return body;
    }

    @Test
    void theTeachersPageGetsTheSameRefusalFromTheService() {
        LessonPlanService.SubmitRequest bad = new LessonPlanService.SubmitRequest(java.util.UUID.randomUUID(), "Toán",
                6, "Bài 5", 0);
        assertThatThrownBy(() -> lessonPlans.submit(bad, users.find("gv.lan").orElseThrow()))
                .isInstanceOf(ConstraintViolationException.class)
                .satisfies(e -> {
                    ApiException known = ProblemHandler.explain(e).orElseThrow();
                    assertThat(known.status().value()).isEqualTo(400);
                    assertThat(known.code()).isEqualTo("WEEK_INVALID");
                    assertThat(known.getMessage()).isEqualTo("Tuần phải từ 1 đến 52.");
                });
    }

    @Test
    void theParentsPageGetsTheSameRefusalFromTheService() {
        EnrolmentService.ApplyRequest bad = new EnrolmentService.ApplyRequest(
                new EnrolmentService.ChildIn("Lê Văn Nam", LocalDate.of(2015, 3, 14), "001215123456", "MALE"),
                new EnrolmentService.ParentIn("Lê Văn Bình", "0912", null),
                new EnrolmentService.AddressIn("12 Tô Hiệu", "Hòa Bình", 21.0, 105.8), "THCSAP", 6, List.of(),
                List.of(), null);
        assertThatThrownBy(() -> enrolments.apply(bad, users.find("ph.binh").orElseThrow()))
                .isInstanceOf(ConstraintViolationException.class)
                .satisfies(e -> {
                    ApiException known = ProblemHandler.explain(e).orElseThrow();
                    assertThat(known.status().value()).isEqualTo(400);
                    assertThat(known.code()).isEqualTo("PHONE_INVALID");
                    assertThat(known.getMessage()).startsWith("Số điện thoại không hợp lệ");
                });
    }

    /** Every message key the request records name has its Vietnamese text (else the client would read "{KEY}"). */
    @Test
    void everyKeyTheRequestsNameHasAVietnameseText() throws ClassNotFoundException {
        Pattern key = Pattern.compile("\\{([^}]+)\\}");
        List<String> keys = new ArrayList<>();
        for (Class<?> request : List.of(EnrolmentService.ApplyRequest.class, EnrolmentService.ChildIn.class,
                EnrolmentService.ParentIn.class, EnrolmentService.AddressIn.class, LessonPlanService.SubmitRequest.class,
                Class.forName("vn.truongso.school.Delegations$CreateRequest"))) {
            validator.getConstraintsForClass(request).getConstrainedProperties().forEach(p -> {
                for (ConstraintDescriptor<?> d : p.getConstraintDescriptors()) {
                    Matcher m = key.matcher(d.getMessageTemplate());
                    assertThat(m.matches()).as(request + "." + p.getPropertyName()).isTrue();
                    keys.add(m.group(1));
                }
            });
        }
        assertThat(keys).hasSizeGreaterThan(30);
        for (String k : keys) {
            String text = messages.getMessage(k, null, null, Locale.ENGLISH);
            assertThat(text).as(k).isNotBlank().doesNotContain("{").doesNotContain("$");
        }
    }
}
