package vq.kernels.strategy;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import vq.columnar.InputException;

/**
 * Finds Java {@link Strategy} implementations with {@link ServiceLoader} (classpath, then every
 * {@code *.jar} in a {@code strategies/} directory, each jar with its own class loader whose parent is vq's),
 * reads their {@link Strategy.Param} fields into a {@link ParameterSpace}, and creates configured instances.
 * Listing does not instantiate strategies (it uses {@link ServiceLoader.Provider#type()}).
 */
public final class JavaStrategies {
    private JavaStrategies() {}

    /**
     * A discovered strategy.
     *
     * @param origin "classpath" or the jar path
     */
    public record Descriptor(String name, String description, List<String> data, Class<? extends Strategy> type,
                             ParameterSpace parameters, String origin) {
        /** A new instance with {@code set} (in {@link #parameters()} order) applied. */
        public Strategy create(double[] set) { return instantiate(type, parameters, set); }
    }

    /**
     * All strategies on the classpath and in {@code strategiesDir/*.jar} (the directory may be absent),
     * sorted by name. Two strategies with one name are an {@link InputException} naming both origins.
     */
    public static List<Descriptor> discover(Path strategiesDir) {
        Map<String, Descriptor> out = new LinkedHashMap<>();
        load(ServiceLoader.load(Strategy.class, JavaStrategies.class.getClassLoader()), "classpath", out);
        if (strategiesDir != null && Files.isDirectory(strategiesDir)) {
            List<Path> jars;
            try (Stream<Path> s = Files.list(strategiesDir)) {
                jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                throw new InputException("cannot list " + strategiesDir + ": " + e.getMessage(), e);
            }
            for (Path jar : jars) {
                URLClassLoader cl;
                try {
                    cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, JavaStrategies.class.getClassLoader());
                } catch (MalformedURLException e) {
                    throw new InputException("bad jar path " + jar, e);
                }
                // the child loader also sees the classpath providers: those are skipped as already listed
                load(ServiceLoader.load(Strategy.class, cl), jar.toString(), out);
            }
        }
        return out.values().stream().sorted(Comparator.comparing(Descriptor::name)).toList();
    }

    /** The strategy named {@code name}, with the nearest name in the error when absent. */
    public static Descriptor find(List<Descriptor> all, String name) {
        for (Descriptor d : all) if (d.name().equals(name)) return d;
        String near = Names.nearest(name, all.stream().map(Descriptor::name).toList());
        throw new InputException("unknown Java strategy '" + name + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
                + " (known: " + String.join(", ", all.stream().map(Descriptor::name).toList()) + ")");
    }

    private static void load(ServiceLoader<Strategy> loader, String origin, Map<String, Descriptor> out) {
        try {
            for (ServiceLoader.Provider<Strategy> p : loader.stream().toList()) {
                Class<? extends Strategy> type = p.type();
                Descriptor d = describe(type, origin);
                Descriptor prev = out.get(d.name());
                if (prev != null) {
                    if (prev.type() == type) continue; // the same class seen through a child loader
                    throw new InputException("two Java strategies are named '" + d.name() + "': " + prev.type().getName() + " (" + prev.origin()
                            + ") and " + type.getName() + " (" + origin + ")");
                }
                out.put(d.name(), d);
            }
        } catch (ServiceConfigurationError e) {
            throw new InputException("cannot load Java strategies from " + origin + ": " + e.getMessage(), e);
        }
    }

    /** Reads name, description and parameters of a strategy class. */
    public static Descriptor describe(Class<? extends Strategy> type, String origin) {
        Strategy.Info info = type.getAnnotation(Strategy.Info.class);
        if (info == null) throw new InputException("Java strategy " + type.getName() + " (" + origin + ") lacks @Strategy.Info(name = ...)");
        if (!info.name().matches("[a-z][a-z0-9_]*"))
            throw new InputException("Java strategy " + type.getName() + ": name '" + info.name() + "' must be lower case letters, digits, '_'");
        return new Descriptor(info.name(), info.description(), List.of(info.data()), type, parameters(type), origin);
    }

    /**
     * The parameter space declared by {@link Strategy.Param} fields (superclasses first, then declaration
     * order). Defaults are the field values of a fresh instance. Errors name the class and field.
     */
    public static ParameterSpace parameters(Class<? extends Strategy> type) {
        Strategy fresh = newInstance(type);
        List<ParameterSpace.Param> params = new ArrayList<>();
        for (Field f : paramFields(type)) {
            Strategy.Param a = f.getAnnotation(Strategy.Param.class);
            String name = a.name().isEmpty() ? f.getName() : a.name();
            String where = type.getName() + "." + f.getName();
            ParameterSpace.Type t = f.getType() == double.class ? ParameterSpace.Type.FLOAT : ParameterSpace.Type.INT;
            double def;
            try {
                def = ((Number) f.get(fresh)).doubleValue();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(where, e);
            }
            ParameterSpace.Domain domain = null;
            if (!a.fixed()) {
                if (a.values().length > 0) {
                    domain = new ParameterSpace.Values(a.values().clone(), true);
                } else {
                    if (Double.isNaN(a.min()) || Double.isNaN(a.max()))
                        throw new InputException(where + ": @Param needs values, or min and max (or fixed = true)");
                    if (a.min() > a.max()) throw new InputException(where + ": @Param min " + a.min() + " > max " + a.max());
                    if (!Double.isNaN(a.step()) && a.step() <= 0) throw new InputException(where + ": @Param step must be > 0");
                    if (a.distribution() == ParameterSpace.Distribution.LOG_UNIFORM && a.min() <= 0)
                        throw new InputException(where + ": log_uniform needs min > 0");
                    domain = new ParameterSpace.Range(a.min(), a.max(), a.step(), a.distribution());
                    if (def < a.min() || def > a.max())
                        throw new InputException(where + ": default " + def + " outside [" + a.min() + ", " + a.max() + "]");
                }
            }
            params.add(new ParameterSpace.Param(name, t, def, domain, a.description(), new Loc(type.getName(), 0, 0)));
        }
        return new ParameterSpace(params, List.of());
    }

    private static List<Field> paramFields(Class<?> type) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) chain.addFirst(c);
        List<Field> out = new ArrayList<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (!f.isAnnotationPresent(Strategy.Param.class)) continue;
                String where = c.getName() + "." + f.getName();
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers()))
                    throw new InputException(where + ": @Param fields must be non-static and non-final");
                Class<?> ft = f.getType();
                if (ft != int.class && ft != long.class && ft != double.class)
                    throw new InputException(where + ": @Param fields must be int, long or double, got " + ft.getSimpleName());
                f.setAccessible(true);
                out.add(f);
            }
        }
        return out;
    }

    /** A new instance of {@code type} with the parameter set applied (values checked against int fields). */
    public static Strategy instantiate(Class<? extends Strategy> type, ParameterSpace space, double[] set) {
        if (set.length != space.size())
            throw new IllegalArgumentException(type.getName() + ": parameter set has " + set.length + " values, expected " + space.size());
        Strategy s = newInstance(type);
        List<Field> fields = paramFields(type);
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            double v = set[i];
            try {
                if (f.getType() == double.class) f.setDouble(s, v);
                else {
                    if (v != Math.rint(v)) throw new InputException("parameter '" + space.params().get(i).name() + "' of " + type.getName() + " is an integer, got " + v);
                    if (f.getType() == int.class) f.setInt(s, Math.toIntExact((long) v));
                    else f.setLong(s, (long) v);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return s;
    }

    private static Strategy newInstance(Class<? extends Strategy> type) {
        try {
            Constructor<? extends Strategy> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new InputException("cannot create Java strategy " + type.getName() + " (needs a public no-argument constructor): " + e, e);
        }
    }
}
