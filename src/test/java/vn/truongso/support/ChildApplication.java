package vn.truongso.support;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import vn.truongso.TruongSoApplication;
import vn.truongso.remotesign.SharedOtp;

/**
 * The application as the crash and cluster tests run it in a child JVM: TruongSoApplication with its own
 * configuration (the embedded default, job executor on), plus only the shared code clock of the test's authenticator
 * and, for the cluster test, the node's name as its job executor's lock owner (Camunda's default is a random UUID), so
 * the test sees whose locks a job carries.
 */
public final class ChildApplication {

    /** The node's name: the engine's host name in its job log and, here, its job executor's lock owner. */
    static final String NODE_NAME = "camunda.bpm.generic-properties.properties.hostname";

    private ChildApplication() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(TruongSoApplication.class, SharedOtp.Config.class, NodeName.class).run(args);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class NodeName {
        @Bean
        static BeanPostProcessor lockOwnerIsTheNodeName(Environment environment) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    String node = environment.getProperty(NODE_NAME);
                    if (bean instanceof JobExecutor executor && node != null) {
                        executor.setLockOwner(node);
                    }
                    return bean;
                }
            };
        }
    }
}
