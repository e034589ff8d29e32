package dev.casspool.benchmarks.load;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The kind of thread that runs a side's load: platform threads, or virtual threads (Java 21 and later, reached by
 * reflection because the project builds for Java 17).
 */
enum LoadThreads {

    /** One platform thread per load thread. */
    PLATFORM,
    /** One virtual thread per load thread, on the JDK's carrier threads. */
    VIRTUAL;

    /** {@code Thread.ofVirtual()}, or null before Java 21. */
    private static final MethodHandle OF_VIRTUAL = handle("ofVirtual");
    /** {@code Thread.Builder.unstarted(Runnable)}, or null before Java 21. */
    private static final MethodHandle UNSTARTED = handle("unstarted");

    /** A new, unstarted thread of this kind running {@code task}. */
    Thread newThread(Runnable task, String name) {
        if (this == PLATFORM) {
            return new Thread(task, name);
        }
        if (OF_VIRTUAL == null) {
            throw new IllegalStateException("--virtual-threads needs Java 21 or later; this is Java "
                    + Runtime.version().feature());
        }
        try {
            Thread thread = (Thread) UNSTARTED.invoke(OF_VIRTUAL.invoke(), task);
            thread.setName(name);
            return thread;
        } catch (Throwable e) {
            throw new IllegalStateException("could not create a virtual thread", e);
        }
    }

    private static MethodHandle handle(String name) {
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            return name.equals("ofVirtual")
                    ? lookup.findStatic(Thread.class, name,
                            MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")))
                    : lookup.findVirtual(builder, name, MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException olderJava) {
            return null;
        }
    }
}
