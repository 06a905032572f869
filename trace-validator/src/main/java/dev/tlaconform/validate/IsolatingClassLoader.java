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
}
