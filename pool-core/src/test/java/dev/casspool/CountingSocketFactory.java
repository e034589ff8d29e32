package dev.casspool;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;

/** The default socket factory's real sockets, counted: how many are open now and at most. */
final class CountingSocketFactory implements SocketFactory {

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();

    int open() {
        return open.get();
    }

    int maxOpen() {
        return maxOpen.get();
    }

    int opened() {
        return opened.get();
    }

    @Override
    public TTransport create(String host, int port, Duration timeout) throws TTransportException {
        int millis = timeout == null ? 0 : Math.toIntExact(timeout.toMillis());
        return new TSocket(new TConfiguration(), host, port, millis, millis) {
            private boolean counted;

            @Override
            public void open() throws TTransportException {
                super.open();
                counted = true;
                opened.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            }

            @Override
            public void close() {
                super.close();
                if (counted) {
                    counted = false;
                    open.decrementAndGet();
                }
            }
        };
    }
}
