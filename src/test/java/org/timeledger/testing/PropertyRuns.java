package org.timeledger.testing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Lets a run of the properties be longer, or replay a failure, without editing the code:
 * {@code -Dproperties.tries=N} overrides the tries of every property of a class that adds this
 * hook, and {@code -Dproperties.seed=S} runs them with the seed a failure reported. jqwik's own
 * {@code @Property(tries = ...)} cannot read a system property, hence the hook.
 */
public class PropertyRuns implements AroundPropertyHook {
    public static final String TRIES = "properties.tries";
    public static final String SEED = "properties.seed";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String tries = System.getProperty(TRIES);
        if (tries != null && !tries.isBlank()) {
            context.attributes().setTries(Integer.valueOf(tries.strip()));
        }
        String seed = System.getProperty(SEED);
        if (seed != null && !seed.isBlank()) {
            context.attributes().setSeed(seed.strip());
        }
        return property.execute();
    }

    /** Added to a container class, it must reach the container's properties (and a subclass's). */
    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        return -100; // outermost: the attributes must be set before the property starts
    }
}
