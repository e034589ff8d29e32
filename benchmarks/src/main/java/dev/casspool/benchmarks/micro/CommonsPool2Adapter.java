package dev.casspool.benchmarks.micro;

import dev.casspool.benchmarks.inert.InertThrift;
import org.apache.cassandra.thrift.Cassandra;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.thrift.TException;

/**
 * commons-pool2's {@link GenericObjectPool} of inert clients, configured as Spring Data Redis configures it from
 * {@code max-active}/{@code max-idle}/{@code max-wait}; everything else (no validation, no evictor) is the library's
 * default. {@code maxIdle} below {@code maxTotal} gives casspool's overflow: extra clients close when they come back.
 */
final class CommonsPool2Adapter implements BenchmarkedPool {

    private final GenericObjectPool<Cassandra.Client> pool;

    CommonsPool2Adapter(PoolShape shape) {
        GenericObjectPoolConfig<Cassandra.Client> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(shape.size() + shape.maxOverflow());
        config.setMaxIdle(shape.size());
        config.setMaxWait(shape.waitTimeout());
        // Forks open one pool each; no MBean is wanted.
        config.setJmxEnabled(false);
        pool = new GenericObjectPool<>(new InertClientFactory(), config);
        try {
            pool.addObjects(shape.size());
        } catch (Exception e) {
            pool.close();
            throw new IllegalStateException("An inert client failed to open", e);
        }
    }

    @Override
    public Object checkOut() throws Exception {
        return pool.borrowObject();
    }

    @Override
    public void checkIn(Object connection) {
        pool.returnObject((Cassandra.Client) connection);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Opens and closes the pool's inert clients. */
    private static final class InertClientFactory extends BasePooledObjectFactory<Cassandra.Client> {

        @Override
        public Cassandra.Client create() throws TException {
            return InertThrift.openClient();
        }

        @Override
        public PooledObject<Cassandra.Client> wrap(Cassandra.Client client) {
            return new DefaultPooledObject<>(client);
        }

        @Override
        public void destroyObject(PooledObject<Cassandra.Client> pooled) {
            InertThrift.close(pooled.getObject());
        }
    }
}
