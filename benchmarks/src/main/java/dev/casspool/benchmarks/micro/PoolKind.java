package dev.casspool.benchmarks.micro;

/** The pools compared, as a JMH parameter; each opens a warm {@link BenchmarkedPool} of a given shape. */
public enum PoolKind {

    /** casspool with {@code useThreadLocal(true)} (pycassa's default). */
    CASSPOOL_THREAD_LOCAL("casspool-tl") {
        @Override
        BenchmarkedPool open(PoolShape shape) {
            return new CasspoolAdapter(shape, true);
        }
    },
    /** casspool with {@code useThreadLocal(false)}. */
    CASSPOOL("casspool") {
        @Override
        BenchmarkedPool open(PoolShape shape) {
            return new CasspoolAdapter(shape, false);
        }
    },
    /** HikariCP's {@code ConcurrentBag}, the core of the fastest JDBC pool. */
    CONCURRENT_BAG("hikari-bag") {
        @Override
        BenchmarkedPool open(PoolShape shape) {
            return new ConcurrentBagAdapter(shape);
        }
    },
    /** Apache commons-pool2's {@code GenericObjectPool}, which Spring Data Redis pools with. */
    COMMONS_POOL2("pool2") {
        @Override
        BenchmarkedPool open(PoolShape shape) {
            return new CommonsPool2Adapter(shape);
        }
    };

    private final String label;

    PoolKind(String label) {
        this.label = label;
    }

    /** A short name for tables. */
    String label() {
        return label;
    }

    /** Opens a pool of this kind with {@code shape.size()} connections open and idle. */
    abstract BenchmarkedPool open(PoolShape shape);
}
