package vn.truongso.support;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.mockito.stubbing.Answer;

/**
 * A process engine for one model, without Spring: its own in-memory H2 database, no job executor (a test runs each
 * timer and async job itself), only the model under test deployed, and the beans its expressions call registered by
 * name (mocks, replaced per test with {@link #bean}). A model it calls is deployed as a {@link #stub}: one user task,
 * "stubbed", which the test completes with the variables the real model would give back.
 *
 * <pre>
 * static ModelEngine engine = ModelEngine.deploy("bpmn/x.bpmn", ModelEngine.stub("remoteSignature"));
 * {@literal @}BeforeEach void beans() { engine.bean("xSteps", steps = mock(XSteps.class)); }
 * {@literal @}AfterAll static void close() { engine.close(); }
 * </pre>
 */
public final class ModelEngine implements AutoCloseable {

    /** The one task of a stubbed model. */
    public static final String STUBBED = "stubbed";

    private final ProcessEngine engine;
    private final Map<Object, Object> beans;

    private ModelEngine(ProcessEngine engine, Map<Object, Object> beans) {
        this.engine = engine;
        this.beans = beans;
    }

    /** Builds the engine and deploys {@code model} (a classpath resource, e.g. bpmn/x.bpmn) with the stubs. */
    public static ModelEngine deploy(String model, BpmnModelInstance... stubs) {
        String name = "model-" + UUID.randomUUID();
        // Read on every evaluation, so a test may put fresh mocks in before it starts its instance.
        Map<Object, Object> beans = new HashMap<>();
        StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
        config.setProcessEngineName(name);
        config.setJdbcUrl("jdbc:h2:mem:" + name);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        config.setJobExecutorActivate(false);
        // Fewer tables to create: no model here is CMMN, and the DMN is decided by a mocked step.
        config.setCmmnEnabled(false);
        config.setDmnEnabled(false);
        config.setMetricsEnabled(false);
        config.setDbMetricsReporterActivate(false);
        // The application stores lists as JSON (Spin); without Spin here, Java serialization holds them.
        config.setJavaSerializationFormatEnabled(true);
        config.setBeans(beans);
        ProcessEngine engine = config.buildProcessEngine();
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name(model)
                .addClasspathResource(model);
        for (BpmnModelInstance stub : stubs) {
            String key = stub.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
                    .iterator().next().getId();
            deployment.addModelInstance(key + "-stub.bpmn", stub);
        }
        deployment.deploy();
        return new ModelEngine(engine, beans);
    }

    /** A stand-in for the called model {@code processKey}: it waits in user task {@link #STUBBED}. */
    public static BpmnModelInstance stub(String processKey) {
        return Bpmn.createExecutableProcess(processKey).camundaHistoryTimeToLive(1)
                .startEvent().userTask(STUBBED).endEvent().done();
    }

    /** Registers (or replaces) the bean the models call as {@code ${name.…}}, and points camunda-bpm-assert here. */
    public <T> T bean(String name, T bean) {
        beans.put(name, bean);
        BpmnAwareTests.init(engine);
        return bean;
    }

    /** A Mockito answer for a step that sets a process variable, as the real step does. */
    public static Answer<Void> sets(String variable, Object value) {
        return invocation -> {
            ((DelegateExecution) invocation.getArgument(0)).setVariable(variable, value);
            return null;
        };
    }

    public ProcessEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        BpmnAwareTests.reset();
        engine.close();
    }
}
