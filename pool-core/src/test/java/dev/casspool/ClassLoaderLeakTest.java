package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing outlives {@code close()}: 50 pools, each loaded by a class loader of its own (as a servlet redeploy or a
 * devtools restart loads the application anew), used from this thread and from a long-lived worker thread, then
 * closed. Every class loader must then be collectable, and no thread of theirs alive: a thread-local value or a thread
 * that kept one of them would keep every class it loaded, and each pool.
 */
@EmbeddedCassandra
class ClassLoaderLeakTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("Leak", "Standard1");

    private static final int POOLS = 50;

    @Test
    void noPoolKeepsItsClassLoaderReachableAfterClose(CassandraNode node) throws Exception {
        URL[] poolClasses = IsolatedPools.classPathWithout("logback");  // no logger either
        ExecutorService worker = Executors.newSingleThreadExecutor();  // a servlet container's long-lived thread
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        try {
            for (int i = 0; i < POOLS; i++) {
                loaders.add(new WeakReference<>(useAndClosePoolFrom(poolClasses, node, worker, "leak-" + i)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (loaders.stream().anyMatch(loader -> loader.get() != null) && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
            assertThat(loaders).as("class loaders of closed pools still reachable")
                    .filteredOn(loader -> loader.get() != null).isEmpty();
            assertThat(Thread.getAllStackTraces().keySet()).as("threads of closed pools")
                    .noneMatch(thread -> thread.getName().startsWith("leak-"));
        } finally {
            worker.shutdown();
        }
    }

    /** Builds a pool from a new class loader, uses it on this thread and on {@code worker}, closes it. */
    private static ClassLoader useAndClosePoolFrom(URL[] poolClasses, CassandraNode node, ExecutorService worker,
                                                   String name) throws Exception {
        URLClassLoader loader = new URLClassLoader(name, poolClasses, ClassLoader.getPlatformClassLoader());
        Class<?> poolClass = loader.loadClass(ConnectionPool.class.getName());
        Object pool = IsolatedPools.build(loader, node, KEYSPACE.name(), name);
        Method get = poolClass.getMethod("get");
        Method put = poolClass.getMethod("put", loader.loadClass(ConnectionWrapper.class.getName()));
        // Thread-local mode (the default): both threads keep their view of the pool in a thread-local.
        put.invoke(pool, get.invoke(pool));
        worker.submit(() -> {
            put.invoke(pool, get.invoke(pool));
            return null;
        }).get();
        poolClass.getMethod("close").invoke(pool);
        loader.close();
        return loader;
    }
}
