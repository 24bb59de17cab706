package vn.truongso.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

/** The refusal inside what the engine, JPA and Spring throw, as the API and the pages answer it. */
class ApiExceptionTest {

    private final ApiException refusal = ApiException.badRequest("REVISION_MISSING", "Chưa có phiên bản mới.");

    @Test
    void findsTheRefusalItselfOrDeepInTheCauses() {
        assertThat(ApiException.within(refusal)).containsSame(refusal);
        assertThat(ApiException.within(new ProcessEngineException("step failed",
                new IllegalStateException("wrapped", refusal)))).containsSame(refusal);
    }

    @Test
    void findsNothingWhereNoneIs() {
        assertThat(ApiException.within(new ProcessEngineException("step failed", new IllegalStateException()))).isEmpty();
    }

    @Test
    void problemHandlerExplainsARefusalAndAConcurrentUpdate() {
        assertThat(ProblemHandler.explain(new RuntimeException(refusal))).containsSame(refusal);
        assertThat(ProblemHandler.explain(new RuntimeException(new OptimisticLockingException("row changed"))))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("CONCURRENT_UPDATE"));
        assertThat(ProblemHandler.explain(new IllegalStateException("other"))).isEmpty();
    }
}
