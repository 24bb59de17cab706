package vn.truongso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

/**
 * The models and their beans agree, without starting anything: every model calls only {@code <processKey>Steps} (and
 * {@code signatureFlow}) through method expressions, and every method it names is a public method of that bean with
 * as many parameters. A renamed bean or step fails here, not in a process half way.
 */
class BpmnBeansTest {

    /** {@code ${bean.method(args)}}: the target, the method, the arguments. */
    static final Pattern CALL = Pattern.compile("[$#]\\{\\s*([a-zA-Z]\\w*)\\.(\\w+)\\(([^)]*)\\)");
    /** Targets that are not beans: the engine's own objects and a list variable. */
    static final Set<String> NOT_BEANS = Set.of("execution", "task", "toSign");
    static final String SHARED = "signatureFlow";

    @Test
    void everyModelCallsItsOwnStepsBeanByMethodExpression() throws IOException {
        Map<String, Class<?>> beans = stepsBeans();
        List<String> problems = new ArrayList<>();
        Resource[] models = new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn");
        assertThat(models).hasSizeGreaterThanOrEqualTo(8);
        for (Resource model : models) {
            String xml = model.getContentAsString(StandardCharsets.UTF_8);
            String name = model.getFilename();
            if (xml.contains("delegateExpression=") || xml.contains("camunda:class=")) {
                problems.add(name + ": calls a bean other than by method expression");
            }
            Matcher process = Pattern.compile("<bpmn:process id=\"(\\w+)\"").matcher(xml);
            assertThat(process.find()).as(name).isTrue();
            String own = process.group(1) + "Steps";
            Matcher call = CALL.matcher(xml);
            while (call.find()) {
                String target = call.group(1);
                if (NOT_BEANS.contains(target)) {
                    continue;
                }
                if (!target.equals(own) && !target.equals(SHARED)) {
                    problems.add(name + ": calls " + target + ", not " + own);
                    continue;
                }
                Class<?> bean = beans.get(target);
                int arity = call.group(3).isBlank() ? 0 : call.group(3).split(",").length;
                if (bean == null) {
                    problems.add(name + ": no @Component named " + target);
                } else if (!hasMethod(bean, call.group(2), arity)) {
                    problems.add(name + ": " + bean.getSimpleName() + " has no public " + call.group(2) + " with "
                            + arity + " parameters");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A head's morning mail says "Thầy/Cô có 12 kế hoạch bài dạy chờ duyệt": every user task names what it is counted
     * as ({@code digestLabel}), a noun phrase in Vietnamese, not a task name.
     */
    @Test
    void everyUserTaskNamesWhatTheMorningDigestCountsItAs() throws IOException {
        List<String> problems = new ArrayList<>();
        int tasks = 0;
        for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/*.bpmn")) {
            org.camunda.bpm.model.bpmn.BpmnModelInstance bpmn;
            try (var in = model.getInputStream()) {
                bpmn = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(in);
            }
            for (var task : bpmn.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class)) {
                tasks++;
                String label = task.getExtensionElements() == null ? null : task.getExtensionElements()
                        .getElementsQuery().filterByType(
                                org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
                        .flatMap(p -> p.getCamundaProperties().stream())
                        .filter(p -> "digestLabel".equals(p.getCamundaName()))
                        .map(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty::getCamundaValue)
                        .findFirst().orElse(null);
                if (label == null || label.isBlank() || label.equals(task.getName())
                        || !label.equals(label.toLowerCase(java.util.Locale.ROOT))) {
                    problems.add(model.getFilename() + " " + task.getId() + ": digestLabel '" + label + "'");
                }
            }
        }
        assertThat(tasks).isGreaterThanOrEqualTo(10);
        assertThat(problems).isEmpty();
    }

    /** The components named like steps, by the name Spring gives them. */
    static Map<String, Class<?>> stepsBeans() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*(Steps|Flow)")));
        AnnotationBeanNameGenerator names = AnnotationBeanNameGenerator.INSTANCE;
        Map<String, Class<?>> beans = new HashMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("vn.truongso")) {
            if (candidate instanceof AnnotatedBeanDefinition annotated && annotated.getMetadata()
                    .hasAnnotation(org.springframework.stereotype.Component.class.getName())) {
                try {
                    beans.put(names.generateBeanName(candidate, new SimpleBeanDefinitionRegistry()),
                            Class.forName(candidate.getBeanClassName()));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return beans;
    }

    static boolean hasMethod(Class<?> type, String name, int arity) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == arity && Modifier.isPublic(m.getModifiers())) {
                return true;
            }
        }
        return false;
    }
}
