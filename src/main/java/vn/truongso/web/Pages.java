package vn.truongso.web;

import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.truongso.common.ApiException;
import vn.truongso.common.ProblemHandler;

/** What every page action does alike: run the service call, or show its Vietnamese refusal on the page. */
final class Pages {

    /** Flash attribute names the layout shows at the top of the next page. */
    static final String NOTICE = "notice";
    static final String PROBLEM = "problem";

    private Pages() {
    }

    /**
     * Runs {@code action} (answers where to go next); a refusal of the services (a rule, a conflict with someone
     * else's action) goes back to {@code back} with its message at the top.
     */
    static String act(RedirectAttributes flash, String back, Supplier<String> action) {
        return act(flash, code -> back, action);
    }

    /** As above, going back where the refusal's code says (a task someone else just did: the inbox, not the task). */
    static String act(RedirectAttributes flash, java.util.function.Function<String, String> back,
                      Supplier<String> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            ApiException known = ProblemHandler.explain(e).orElseThrow(() -> e);
            flash.addFlashAttribute(PROBLEM, known.getMessage());
            flash.addFlashAttribute("problemCode", known.code());
            return "redirect:" + back.apply(known.code());
        }
    }

    /** Refusals after which a task is no longer this person's to open: someone else did or holds it. */
    static final java.util.Set<String> TASK_GONE = java.util.Set.of("TASK_ALREADY_COMPLETED", "TASK_HELD_BY_OTHER",
            "CONCURRENT_UPDATE", "NOT_FOUND");
}
