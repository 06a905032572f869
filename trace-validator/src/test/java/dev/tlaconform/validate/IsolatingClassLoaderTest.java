package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The engine's value classes declared in TLC's package ({@code tlc2.value.impl.PersistentSetValue}:
 * it implements the package-private {@code Value.assignable}) are loaded by the spec's isolating
 * loader, with the TLC classes they extend, not taken from the application's loader (whose copy
 * would be another class, in another runtime package than the spec's TLC: a cast or a
 * package-private call between the two fails).
 */
class IsolatingClassLoaderTest {
    @Test
    void persistentSetsShareTheSpecsTlcRuntimePackage() throws Exception {
        try (IsolatingClassLoader cl = new IsolatingClassLoader(Validator.classpath(), IsolatingClassLoaderTest.class.getClassLoader())) {
            Class<?> pset = Class.forName("tlc2.value.impl.PersistentSetValue", true, cl);
            Class<?> value = Class.forName("tlc2.value.impl.Value", true, cl);
            Class<?> setEnum = Class.forName("tlc2.value.impl.SetEnumValue", true, cl);
            assertSame(cl, pset.getClassLoader(), "the spec's loader defines the persistent set");
            assertSame(cl, value.getClassLoader(), "and TLC's Value");
            assertNotSame(tlc2.value.impl.PersistentSetValue.class, pset, "not the application loader's copy");
            assertTrue(value.isAssignableFrom(pset), "a Value of the spec's TLC");
            // a set of the spec's TLC made persistent and compared back, across the package-private boundary
            Class<?> intValue = Class.forName("tlc2.value.impl.IntValue", true, cl);
            Object one = intValue.getMethod("gen", int.class).invoke(null, 1);
            Object[] elems = (Object[]) java.lang.reflect.Array.newInstance(value, 1);
            elems[0] = one;
            Object s = setEnum.getConstructor(elems.getClass(), boolean.class).newInstance(elems, true);
            Method of = pset.getMethod("of", setEnum);
            Object p = of.invoke(null, s);
            assertTrue((Boolean) pset.getMethod("equals", Object.class).invoke(p, s));
            assertTrue((Boolean) setEnum.getMethod("equals", Object.class).invoke(s, p));
        }
    }
}
