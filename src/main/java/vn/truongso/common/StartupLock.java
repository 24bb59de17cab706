package vn.truongso.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Nodes sharing one PostgreSQL database start one at a time. Start-up writes to the shared database: the migrations,
 * Camunda's schema (whose creation is not safe against a second node doing the same at the same moment: duplicate
 * tables), the deployment of the models, the demo data, the campaigns due at start-up. So the first use of the
 * DataSource waits for a PostgreSQL session-level advisory lock, held on a connection of its own until the
 * application is ready; a node that dies while starting drops its connection and with it the lock. H2 needs none: its
 * file admits one process.
 */
@Component
class StartupLock implements BeanPostProcessor, SmartApplicationListener {

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
    /** The advisory lock's key: any number no other code of ours locks ("TSST" in ASCII). */
    static final long KEY = 0x5453_5354L;

    private Connection held;
    private boolean taken;

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !taken) {
            acquire(dataSource);
        }
        return bean;
    }

    private synchronized void acquire(DataSource dataSource) {
        taken = true;
        try {
            Connection c = dataSource.getConnection();
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                c.close();
                return;
            }
            if (!lock(c, "select pg_try_advisory_lock(?)")) {
                log.info("Another node is starting on this database: waiting for it to be ready");
                lock(c, "select pg_advisory_lock(?) is null");
            }
            held = c;
        } catch (SQLException e) {
            // The database itself is unreachable: the first real use says so with its own error.
            log.warn("Start-up lock not taken: {}", e.getMessage());
        }
    }

    private static boolean lock(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, KEY);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return ApplicationReadyEvent.class.isAssignableFrom(eventType)
                || ApplicationFailedEvent.class.isAssignableFrom(eventType)
                || ContextClosedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationEvent event) {
        if (held == null) {
            return;
        }
        try (Connection c = held) {
            try (PreparedStatement s = c.prepareStatement("select pg_advisory_unlock(?)")) {
                s.setLong(1, KEY);
                s.execute();
            }
        } catch (SQLException e) {
            // Closing the connection (back to the pool, or closed) ends the session's lock all the same.
            log.warn("Start-up lock release: {}", e.getMessage());
        } finally {
            held = null;
        }
    }
}
