package io.pishkhan.core.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Helpers shared by the core's unit tests. */
final class TestSupport {
    private TestSupport() {
    }

    /** An instance of a DS configuration annotation type with its defaults, some overridden by name (a_b -> a.b). */
    @SuppressWarnings("unchecked")
    static <A> A config(Class<A> type, Map<String, Object> overrides) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String key = method.getName().replace('_', '.');
            if (overrides.containsKey(key)) {
                return overrides.get(key);
            }
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + overrides;
            }
            return method.getDefaultValue();
        });
    }

    static void await(java.util.function.Supplier<String> what, BooleanSupplier condition) {
        try {
            await("", condition);
        } catch (AssertionError e) {
            throw new AssertionError("timed out waiting for " + what.get(), e);
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000; // generous: CI runs on 2 busy cores
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("timed out waiting for " + what);
    }
}
