package org.timeledger.testing;

import io.micronaut.context.ApplicationContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The real service (every bean, nothing of ours mocked) on a fresh database, started by hand for
 * test engines that @MicronautTest does not serve, such as jqwik's. The same properties as
 * {@link ServiceTest}, and the same "test" environment, so {@link TestClock} is the clock. No
 * HTTP port is opened: the properties call the services the routes call.
 */
public final class ServiceContext implements AutoCloseable {
    private final TestDatabase database;
    private final ApplicationContext context;

    private ServiceContext(TestDatabase database, ApplicationContext context) {
        this.database = database;
        this.context = context;
    }

    public static ServiceContext start(TestDatabase database, Map<String, String> extraProperties) {
        Map<String, Object> properties = new HashMap<>(ServiceTest.properties(database));
        properties.putAll(extraProperties);
        return new ServiceContext(database, ApplicationContext.builder().environments("test").properties(properties).start());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public void close() {
        context.close();
    }
}
