package dev.tlaconform.validate;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Child-first class loader for one loaded spec: TLC's classes (whose static state — the
 * UniqueString table, TLCGlobals, TLCState.vars — allows one spec per class loader) and the engine
 * classes that use them are loaded afresh here; everything else (the JDK, Jackson, the API types of
 * {@code dev.tlaconform.validate}) comes from the parent so results cross the boundary.
 */
final class IsolatingClassLoader extends URLClassLoader {
    private static final String[] CHILD_FIRST = {
        "tlc2.", "tla2sany.", "tla2tex.", "pcal.", "util.", "model.",
        "dev.tlaconform.validate.engine.", "dev.tlaconform.validate.tlcops.",
        "dev.tlaconform.community.", // the community modules' Java definitions: they take and give this loader's TLC values
        "dev.tlaconform.check.PrivateModules", // a TLC resolver: it must see this loader's util.*
    };

    static {
        registerAsParallelCapable();
    }

    IsolatingClassLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!childFirst(name)) return super.loadClass(name, resolve);
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException e) {
                    c = super.loadClass(name, false);
                }
            }
            if (resolve) resolveClass(c);
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL u = findResource(name);
        return u != null ? u : super.getResource(name);
    }

    private static boolean childFirst(String name) {
        for (String p : CHILD_FIRST) if (name.startsWith(p)) return true;
        return false;
    }

    /**
     * Calls a static method of an engine class (SANY's static state stays in a fresh isolating
     * loader) with this loader as the thread's context loader; its answer must be of JDK types.
     *
     * @throws java.lang.reflect.InvocationTargetException the method threw
     */
    static Object call(String className, String method, Class<?>[] types, Object... args)
            throws java.lang.reflect.InvocationTargetException {
        ClassLoader cl = new IsolatingClassLoader(Validator.classpath(), IsolatingClassLoader.class.getClassLoader());
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(cl);
        try {
            return Class.forName(className, true, cl).getMethod(method, types).invoke(null, args);
        } catch (ReflectiveOperationException e) {
            if (e instanceof java.lang.reflect.InvocationTargetException) throw (java.lang.reflect.InvocationTargetException) e;
            throw new IllegalStateException(className + "." + method + " is missing from the classpath", e);
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
