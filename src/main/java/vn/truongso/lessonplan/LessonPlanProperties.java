package vn.truongso.lessonplan;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code truongso.lesson-plan.*}: the timers of the approval (kế hoạch bài dạy), in working days of the school's
 * calendar.
 *
 * @param reminderWorkingDays   a review waiting this long reminds its reviewer
 * @param escalationWorkingDays a head's review waiting this long is offered to the principal
 */
@ConfigurationProperties(prefix = "truongso.lesson-plan")
record LessonPlanProperties(@DefaultValue("2") int reminderWorkingDays, @DefaultValue("5") int escalationWorkingDays) {
}
