package dev.tlaconform.impl.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster's wire and disk encoding of protocol messages and durable snapshots: a small binary
 * codec driven by reflection, so the protocol cores stay exactly as the simulator runs them (no
 * {@code Serializable}, no annotations, no codec per message type). Jackson's databind could do
 * the same only with default typing switched on for interfaces and field access for the non-record
 * classes; this is ~200 lines with no configuration and a fixed, compact layout.
 *
 * <p>Handles what the cores' messages and snapshots are made of: null, boxed primitives, strings,
 * enums, arrays (of primitives or objects), lists, records (through their canonical constructor)
 * and other final classes (their instance fields, set reflectively). A decoded object equal to a
 * {@code static final} constant of its own class is replaced by that constant (PBFT compares
 * {@code Req.NULL} by identity).
 */
public final class Codec {
    private Codec() {}

    private static final int NULL = 0, INT = 1, LONG = 2, BOOL = 3, STRING = 4, BYTES = 5, INTS = 6, LONGS = 7,
            ARRAY = 8, LIST = 9, ENUM = 10, RECORD = 11, OBJECT = 12;

    public static byte[] encode(Object o) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(b)) {
            write(out, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** Decodes what {@link #encode} wrote; malformed bytes are an {@link IOException}, never a wrong object. */
    public static Object decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Object o = read(in);
        if (in.available() != 0) {
            throw new IOException("codec: " + in.available() + " bytes left after the object");
        }
        return o;
    }

    public static void write(DataOutputStream out, Object o) throws IOException {
        write(out, o, null);
    }

    /**
     * Encodes {@code o} as {@link #encode(Object)} does (the same bytes), reusing what {@code memo}
     * kept of the last encoding: a large primitive array equal to the one at the same identity last
     * time, and each segment of {@link Memo#SEGMENT} elements of a large object array whose elements
     * are the same references as last time. The cores' durable snapshots are immutable and share
     * what did not change with the snapshot before by reference (Multi-Paxos's chunks of votes,
     * EPaxos's log chunks); Zab appends to its history array in place past the snapshot's length,
     * which changes the references of the last segment only. So re-encoding a snapshot costs what
     * changed plus a reference comparison per element, not a reflective encoding of the whole log.
     */
    public static byte[] encode(Object o, Memo memo) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(Math.max(128, memo.lastSize + memo.lastSize / 8));
        try (DataOutputStream out = new DataOutputStream(b)) {
            write(out, o, memo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        memo.turn();
        memo.lastSize = b.size();
        return b.toByteArray();
    }

    /** What {@link #encode(Object, Memo)} kept of the arrays of its last encoding (see there). */
    public static final class Memo {
        static final int MIN_LENGTH = 64;
        static final int SEGMENT = 64;
        /** Primitive arrays: {copy, bytes}; object arrays: one {copy of the segment, bytes} per segment. */
        private java.util.IdentityHashMap<Object, Object[]> prev = new java.util.IdentityHashMap<>();
        private java.util.IdentityHashMap<Object, Object[]> next = new java.util.IdentityHashMap<>();
        long reused;
        long encoded;
        int lastSize;

        void turn() {
            prev = next;
            next = new java.util.IdentityHashMap<>();
        }
    }

    private static boolean memoizable(Object o) {
        if (o == null || !o.getClass().isArray()) return false;
        return Array.getLength(o) >= Memo.MIN_LENGTH && (o instanceof int[] || o instanceof long[] || o instanceof byte[] || o instanceof Object[]);
    }

    private static void write(DataOutputStream out, Object o, Memo memo) throws IOException {
        if (memo == null || !memoizable(o)) {
            writeValue(out, o, memo);
        } else if (o instanceof Object[] a) {
            writeSegments(out, a, memo);
        } else {
            Object[] e = memo.prev.get(o);
            boolean same = e != null && (o instanceof int[] x ? java.util.Arrays.equals((int[]) e[0], x)
                    : o instanceof long[] x ? java.util.Arrays.equals((long[]) e[0], x) : java.util.Arrays.equals((byte[]) e[0], (byte[]) o));
            if (same) {
                memo.reused++;
            } else {
                ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
                DataOutputStream d = new DataOutputStream(buf);
                writeValue(d, o, memo);
                d.flush();
                Object copy = o instanceof int[] x ? x.clone() : o instanceof long[] x ? x.clone() : ((byte[]) o).clone();
                e = new Object[] {copy, buf.toByteArray()};
                memo.encoded++;
            }
            memo.next.put(o, e);
            out.write((byte[]) e[1]);
        }
    }

    /** An object array as {@link #writeValue} writes it, segment by segment, each reused if its references did not change. */
    private static void writeSegments(DataOutputStream out, Object[] a, Memo memo) throws IOException {
        out.writeByte(ARRAY);
        writeString(out, a.getClass().getComponentType().getName());
        out.writeInt(a.length);
        Object[] before = memo.prev.get(a);
        int segs = (a.length + Memo.SEGMENT - 1) / Memo.SEGMENT;
        Object[] now = new Object[segs];
        for (int s = 0; s < segs; s++) {
            int from = s * Memo.SEGMENT;
            int to = Math.min(a.length, from + Memo.SEGMENT);
            Object[] e = before != null && s < before.length ? (Object[]) before[s] : null;
            if (e != null && sameRefs((Object[]) e[0], a, from, to)) {
                memo.reused++;
            } else {
                ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
                DataOutputStream d = new DataOutputStream(buf);
                for (int i = from; i < to; i++) write(d, a[i], memo);
                d.flush();
                e = new Object[] {java.util.Arrays.copyOfRange(a, from, to), buf.toByteArray()};
                memo.encoded++;
            }
            now[s] = e;
            out.write((byte[]) e[1]);
        }
        memo.next.put(a, now);
    }

    private static boolean sameRefs(Object[] copy, Object[] a, int from, int to) {
        if (copy.length != to - from) return false;
        for (int i = from; i < to; i++) if (copy[i - from] != a[i]) return false;
        return true;
    }

    private static void writeValue(DataOutputStream out, Object o, Memo memo) throws IOException {
        if (o == null) {
            out.writeByte(NULL);
        } else if (o instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (o instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (o instanceof Boolean z) {
            out.writeByte(BOOL);
            out.writeBoolean(z);
        } else if (o instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (o instanceof byte[] a) {
            out.writeByte(BYTES);
            out.writeInt(a.length);
            out.write(a);
        } else if (o instanceof int[] a) {
            out.writeByte(INTS);
            out.writeInt(a.length);
            for (int x : a) out.writeInt(x);
        } else if (o instanceof long[] a) {
            out.writeByte(LONGS);
            out.writeInt(a.length);
            for (long x : a) out.writeLong(x);
        } else if (o instanceof Object[] a) {
            out.writeByte(ARRAY);
            writeString(out, a.getClass().getComponentType().getName());
            out.writeInt(a.length);
            for (Object x : a) write(out, x, memo);
        } else if (o instanceof List<?> l) {
            out.writeByte(LIST);
            out.writeInt(l.size());
            for (Object x : l) write(out, x, memo);
        } else if (o instanceof Enum<?> e) {
            out.writeByte(ENUM);
            writeString(out, e.getDeclaringClass().getName());
            out.writeInt(e.ordinal());
        } else if (o.getClass().isRecord()) {
            out.writeByte(RECORD);
            writeString(out, o.getClass().getName());
            for (RecordComponent c : shape(o.getClass()).components) {
                try {
                    write(out, c.getAccessor().invoke(o), memo);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("codec: cannot read " + c, e);
                }
            }
        } else {
            Shape s = shape(o.getClass());
            out.writeByte(OBJECT);
            writeString(out, o.getClass().getName());
            for (Field f : s.fields) {
                try {
                    write(out, f.get(o), memo);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("codec: cannot read " + f, e);
                }
            }
        }
    }

    public static Object read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL:
                return null;
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case BOOL:
                return in.readBoolean();
            case STRING:
                return readString(in);
            case BYTES: {
                byte[] a = new byte[length(in)];
                in.readFully(a);
                return a;
            }
            case INTS: {
                int[] a = new int[length(in)];
                for (int i = 0; i < a.length; i++) a[i] = in.readInt();
                return a;
            }
            case LONGS: {
                long[] a = new long[length(in)];
                for (int i = 0; i < a.length; i++) a[i] = in.readLong();
                return a;
            }
            case ARRAY: {
                Class<?> c = load(readString(in));
                int n = length(in);
                Object a = Array.newInstance(c, n);
                for (int i = 0; i < n; i++) Array.set(a, i, cast(c, read(in)));
                return a;
            }
            case LIST: {
                int n = length(in);
                List<Object> l = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) l.add(read(in));
                return java.util.Collections.unmodifiableList(l);
            }
            case ENUM: {
                Class<?> c = load(readString(in));
                Object[] values = c.getEnumConstants();
                int i = in.readInt();
                if (values == null || i < 0 || i >= values.length) throw new IOException("codec: bad enum " + c.getName() + "#" + i);
                return values[i];
            }
            case RECORD: {
                Shape s = shape(load(readString(in)));
                if (s.components == null) throw new IOException("codec: " + s.type.getName() + " is not a record");
                Object[] args = new Object[s.components.length];
                for (int i = 0; i < args.length; i++) args[i] = cast(s.components[i].getType(), read(in));
                try {
                    return intern(s, s.constructor.newInstance(args));
                } catch (ReflectiveOperationException | IllegalArgumentException e) {
                    throw new IOException("codec: cannot build " + s.type.getName() + ": " + e, e);
                }
            }
            case OBJECT: {
                Shape s = shape(load(readString(in)));
                try {
                    Object o = allocate(s.type);
                    for (Field f : s.fields) f.set(o, cast(f.getType(), read(in)));
                    return intern(s, o);
                } catch (ReflectiveOperationException | IllegalArgumentException e) {
                    throw new IOException("codec: cannot build " + s.type.getName() + ": " + e, e);
                }
            }
            default:
                throw new IOException("codec: unknown tag " + tag);
        }
    }

    private static int length(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("codec: length " + n + " exceeds the " + in.available() + " bytes left");
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[length(in)];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Object cast(Class<?> c, Object v) throws IOException {
        if (v == null) {
            if (c.isPrimitive()) throw new IOException("codec: null for a " + c.getName());
            return null;
        }
        Class<?> boxed = c == int.class ? Integer.class : c == long.class ? Long.class : c == boolean.class ? Boolean.class : c;
        if (!boxed.isInstance(v)) throw new IOException("codec: a " + v.getClass().getName() + " where a " + c.getName() + " belongs");
        return v;
    }

    /** Classes the codec builds: only tlaconform's own (a frame cannot make it instantiate anything else). */
    private static Class<?> load(String name) throws IOException {
        String base = name.replaceFirst("^\\[+", "");   // arrays (int[][] chunks, say) of an allowed element class
        if (base.length() < name.length()) {
            base = base.matches("[IJBZ]") ? "java.lang.Object" : base.startsWith("L") && base.endsWith(";") ? base.substring(1, base.length() - 1) : name;
        }
        if (!base.startsWith("dev.tlaconform.impl.") && !base.equals("java.lang.String") && !base.equals("java.lang.Object")) {
            throw new IOException("codec: class " + name + " is not a tlaconform class");
        }
        try {
            return Class.forName(name, false, Codec.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("codec: unknown class " + name);
        }
    }

    private static Object intern(Shape s, Object o) {
        for (Object k : s.constants) {
            if (k.equals(o)) return k;
        }
        return o;
    }

    private static Object allocate(Class<?> c) throws ReflectiveOperationException {
        Constructor<?> objectInit = Object.class.getDeclaredConstructor();
        @SuppressWarnings("restriction")
        Constructor<?> k = sun.reflect.ReflectionFactory.getReflectionFactory().newConstructorForSerialization(c, objectInit);
        return k.newInstance();
    }

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private static Shape shape(Class<?> c) {
        return SHAPES.computeIfAbsent(c, Shape::new);
    }

    /** How one class is taken apart and put together. */
    private static final class Shape {
        final Class<?> type;
        final RecordComponent[] components;
        final Constructor<?> constructor;
        final List<Field> fields = new ArrayList<>();
        final List<Object> constants = new ArrayList<>();

        Shape(Class<?> c) {
            this.type = c;
            try {
                if (c.isRecord()) {
                    components = c.getRecordComponents();
                    Class<?>[] types = new Class<?>[components.length];
                    for (int i = 0; i < types.length; i++) {
                        types[i] = components[i].getType();
                        components[i].getAccessor().setAccessible(true);
                    }
                    constructor = c.getDeclaredConstructor(types);
                    constructor.setAccessible(true);
                } else {
                    components = null;
                    constructor = null;
                    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                        for (Field f : k.getDeclaredFields()) {
                            if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())) {
                                f.setAccessible(true);
                                fields.add(f);
                            }
                        }
                    }
                }
                for (Field f : c.getDeclaredFields()) {
                    int m = f.getModifiers();
                    if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == c) {
                        f.setAccessible(true);
                        constants.add(f.get(null));
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("codec: cannot take " + c.getName() + " apart", e);
            }
        }
    }
}
