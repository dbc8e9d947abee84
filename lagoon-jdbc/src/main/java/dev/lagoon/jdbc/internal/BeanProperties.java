package dev.lagoon.jdbc.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Properties;

/**
 * Applies {@code dataSourceProperties} to a vendor {@code DataSource} through its JavaBean
 * setters ({@code url} calls {@code setUrl} or {@code setURL}), converting text to the
 * setter's parameter type. Errors name the property but never print a value.
 */
public final class BeanProperties {

    private BeanProperties() {
    }

    /**
     * @param target     the bean
     * @param properties the properties to set
     * @throws IllegalArgumentException when a property has no usable setter or its value
     *                                  cannot be converted or is rejected
     */
    public static void apply(Object target, Properties properties) {
        for (Map.Entry<Object, Object> e : properties.entrySet()) {
            String name = String.valueOf(e.getKey());
            Method setter = findSetter(target.getClass(), name);
            if (setter == null) {
                throw new IllegalArgumentException("dataSourceProperties: " + target.getClass().getName()
                        + " has no public setter for property '" + name + "'");
            }
            Object value = convert(e.getValue(), setter.getParameterTypes()[0], name);
            try {
                setter.invoke(target, value);
            } catch (IllegalAccessException ex) {
                throw new IllegalArgumentException("dataSourceProperties: cannot call " + setter.getName() + ": " + ex, ex);
            } catch (InvocationTargetException ex) {
                Throwable cause = ex.getCause();
                throw new IllegalArgumentException("dataSourceProperties: " + target.getClass().getName() + "."
                        + setter.getName() + " rejected the value of '" + name + "': "
                        + cause.getClass().getName(), cause);
            }
        }
    }

    private static Method findSetter(Class<?> type, String property) {
        if (property.isEmpty()) {
            return null;
        }
        Method best = null;
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() != 1 || Modifier.isStatic(m.getModifiers())
                    || !m.getName().equalsIgnoreCase("set" + property)) {
                continue;
            }
            Class<?> p = m.getParameterTypes()[0];
            if (p == String.class) {
                return m;
            }
            if (best == null && isConvertible(p)) {
                best = m;
            }
        }
        return best;
    }

    private static boolean isConvertible(Class<?> p) {
        return p == int.class || p == Integer.class || p == long.class || p == Long.class
                || p == boolean.class || p == Boolean.class || p == short.class || p == Short.class
                || p == Properties.class || p == Object.class;
    }

    private static Object convert(Object value, Class<?> type, String name) {
        if (value == null || type.isInstance(value)) {
            return value;
        }
        String text = value.toString().trim();
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.valueOf(text);
            }
            if (type == long.class || type == Long.class) {
                return Long.valueOf(text);
            }
            if (type == short.class || type == Short.class) {
                return Short.valueOf(text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dataSourceProperties: '" + name + "' must be a whole number", e);
        }
        if (type == boolean.class || type == Boolean.class) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.valueOf(text);
            }
            throw new IllegalArgumentException("dataSourceProperties: '" + name + "' must be true or false");
        }
        throw new IllegalArgumentException("dataSourceProperties: '" + name + "' needs a " + type.getName()
                + ", which cannot be made from text");
    }
}
