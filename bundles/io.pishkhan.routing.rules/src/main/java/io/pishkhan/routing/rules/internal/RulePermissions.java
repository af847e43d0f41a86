package io.pishkhan.routing.rules.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * The whitelist of what JEXL may reach by introspection in a rule condition: the public instance methods of
 * {@link RuleFunctions} and {@code Map.get} (so that {@code customer.tier} and {@code context['order.id']} read a
 * map). Nothing else: no constructor, no field, no method of {@code String}, {@code Object} ({@code getClass}),
 * {@code Class}, {@code System} or any other type. Method calls ({@code x.m()}) are also disabled as a language
 * feature, so this is the second wall; property reads such as {@code text.class} or {@code text.bytes} meet it.
 */
final class RulePermissions implements JexlPermissions {
    static final RulePermissions INSTANCE = new RulePermissions();
    private static final Set<String> PACKAGES = Set.of("java.lang", "java.util", RuleFunctions.class.getPackageName());

    private RulePermissions() {
    }

    @Override
    public boolean allow(Package pack) {
        return pack != null && PACKAGES.contains(pack.getName());
    }

    @Override
    public boolean allow(Class<?> clazz) {
        return clazz == RuleFunctions.class || isJdkMap(clazz);
    }

    @Override
    public boolean allow(Constructor<?> ctor) {
        return false;
    }

    @Override
    public boolean allow(Field field) {
        return false;
    }

    @Override
    public boolean allow(Method method) {
        Class<?> owner = method.getDeclaringClass();
        if (owner == RuleFunctions.class) {
            return Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers());
        }
        return isJdkMap(owner) && method.getName().equals("get") && method.getParameterCount() == 1;
    }

    /** This whitelist cannot be widened. */
    @Override
    public JexlPermissions compose(String... permissions) {
        return this;
    }

    private static boolean isJdkMap(Class<?> clazz) {
        return Map.class.isAssignableFrom(clazz) && clazz.getPackageName().equals("java.util");
    }
}
