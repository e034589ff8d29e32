package dev.casspool;

import dev.casspool.internal.ConnectionBag;
import dev.casspool.internal.PoolEngine;
import dev.casspool.internal.PoolEntry;
import dev.casspool.internal.PoolEvents;
import dev.casspool.internal.Server;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.apache.thrift.TException;

/**
 * Check-outs and check-ins as a pool's callers see them: thread-local mode (a thread's repeated gets return the
 * connection it holds, one put releases it) and the handle ({@link ConnectionWrapper}) of each check-out, which never
 * reaches another caller's check-out. The engine behind does the rest.
 *
 * <p>The warm path, a check-out and check-in that nothing listens to, times or watches for leaks, of an open pool
 * grown to {@code poolSize}, asks the bag one word for all of that ({@link ConnectionBag#takeWarmByThread},
 * {@link ConnectionBag#checkInsDirect}), takes the entry the thread returned last when it needs no look, and puts it
 * back as it is ({@link PoolEngine#checkInQuietly}). Its cost is less the work done than the loads it makes, and
 * every question asked on it adds to them: the rest waits for the slow path. The pool itself takes that entry from
 * its bag and hands it here, which spares loads before the check-out's compare-and-set.
 */
final class Checkouts {

    private final ConnectionPool pool;
    private final PoolEngine engine;
    private final ConnectionBag bag;
    private final PoolEvents events;
    private final boolean useThreadLocal;

    Checkouts(ConnectionPool pool, PoolEngine engine, PoolEvents events, boolean useThreadLocal) {
        this.pool = pool;
        this.engine = engine;
        this.bag = engine.bag();
        this.events = events;
        this.useThreadLocal = useThreadLocal;
    }

    /** The handle of a new entry, which events carry until its first check-out. */
    ConnectionWrapper newHandle(PoolEntry entry) {
        return new ConnectionWrapper(pool, entry, engine.failover());
    }

    /**
     * See {@link ConnectionPool#get()}.
     *
     * @param byThread what {@link ConnectionBag#takeWarmByThread} returned: the entry this thread returned last, now
     *     checked out, or null
     */
    ConnectionWrapper get(PoolEntry byThread) {
        if (byThread != null) {
            int[] view = bag.keepWarm(byThread, useThreadLocal);
            if (view != null) {
                return renewedHandle(byThread);
            }
            engine.undoCheckOut(byThread, null);
        }
        // Else the view this thread used last, which is found to be another bag's only after the compare-and-set
        // (ConnectionBag.recentView): then off the warm path, with this bag's.
        int[] view = ConnectionBag.recentView();
        ConnectionWrapper held = heldHandle(view);
        if (held != null) {
            return held;
        }
        PoolEntry warm = takeWarm(view);
        return warm != null && bag.owns(view) ? handleOf(warm, view) : getOffWarmPath(view, warm);
    }

    // Out of line, as every way off the warm path: a get that the JIT compiles small stays inlined where it is called.
    private ConnectionWrapper getOffWarmPath(int[] view, PoolEntry takenThroughIt) {
        if (bag.owns(view)) {
            return checkOutGenerally(view);
        }
        undoCheckOutIfAny(takenThroughIt, view);
        int[] local = bag.local();
        ConnectionWrapper held = heldHandle(local);
        return held != null ? held : checkOut(local);
    }

    /** See {@link ConnectionPool#tryGet()}. */
    Optional<ConnectionWrapper> tryGet() {
        engine.ensureOpen();
        int[] local = bag.local();
        PoolEntry held = heldInThreadLocalMode(local);
        if (held != null) {
            return Optional.of(held.handle());
        }
        ConnectionWrapper idle = takeIdle(local);
        return Optional.ofNullable(idle);
    }

    /** See {@link ConnectionPool#put}. */
    void put(ConnectionWrapper connection) {
        if (connection == null || connection.pool() != pool) {
            throw notFromThisPool(connection);
        }
        // The thread that checked a connection out usually puts it back: its view of the bag is then at hand, which
        // saves the thread-local lookup (as much as the rest of the check-in).
        int[] local = connection.entry().handleOwnerIfCurrent();
        checkIn(connection, local != null ? local : bag.local());
    }

    private InvalidPoolRequestException notFromThisPool(ConnectionWrapper connection) {
        if (connection == null) {
            return new InvalidPoolRequestException("Pool " + pool.loggingName()
                    + ": put(null); pass the connection that get() returned");
        }
        return new InvalidPoolRequestException("Pool " + pool.loggingName() + ": " + connection + " belongs to pool "
                + connection.pool().loggingName() + " and cannot be put into this one");
    }

    /** See {@link ConnectionPool#execute}; {@code byThread} as in {@link #get}. */
    <T> T execute(PoolEntry byThread, ThriftCall<T> call) throws TException {
        if (byThread != null) {
            int[] view = bag.keepWarm(byThread, useThreadLocal);
            if (view != null) {
                return callAndCheckIn(renewedHandle(byThread), view, call);
            }
            engine.undoCheckOut(byThread, null);
        }
        int[] view = ConnectionBag.recentView();
        ConnectionWrapper held = heldHandle(view);
        if (held != null) {
            return call.call(held);
        }
        PoolEntry warm = takeWarm(view);
        return warm != null && bag.owns(view) ? callAndCheckIn(handleOf(warm, view), view, call)
                : executeOffWarmPath(view, warm, call);
    }

    private <T> T executeOffWarmPath(int[] view, PoolEntry takenThroughIt, ThriftCall<T> call) throws TException {
        if (bag.owns(view)) {
            return callAndCheckIn(checkOutGenerally(view), view, call);
        }
        undoCheckOutIfAny(takenThroughIt, view);
        int[] local = bag.local();
        ConnectionWrapper held = heldHandle(local);
        return held != null ? call.call(held) : callAndCheckIn(checkOut(local), local, call);
    }

    /** See {@link ConnectionPool#execute(ByteBuffer, ThriftCall)}. */
    <T> T execute(ByteBuffer key, ThriftCall<T> call) throws TException {
        engine.ensureOpen();
        int[] local = bag.local();
        PoolEntry held = heldInThreadLocalMode(local);
        if (held != null) {
            return call.call(held.handle());
        }
        long start = events.timed() ? System.nanoTime() : 0L;
        List<Server> replicas = engine.replicasOf(key);
        ConnectionWrapper connection = handOut(engine.acquireFor(replicas, local), local, start);
        connection.route(replicas);
        try {
            return call.call(connection);
        } finally {
            connection.route(List.of());
            checkIn(connection, local);
        }
    }

    /** See {@link ConnectionPool#tryExecute}. */
    <T> Optional<T> tryExecute(ThriftCall<T> call) throws TException {
        engine.ensureOpen();
        int[] local = bag.local();
        PoolEntry held = heldInThreadLocalMode(local);
        if (held != null) {
            return Optional.ofNullable(call.call(held.handle()));
        }
        ConnectionWrapper idle = takeIdle(local);
        return idle == null ? Optional.empty() : Optional.ofNullable(callAndCheckIn(idle, local, call));
    }

    private <T> T callAndCheckIn(ConnectionWrapper connection, int[] local, ThriftCall<T> call) throws TException {
        try {
            return call.call(connection);
        } finally {
            checkIn(connection, local);
        }
    }

    /**
     * Checks a connection out: on the warm path an idle one as it is, else whatever the engine finds, with the
     * events, timings and leak checks that someone wants.
     */
    private ConnectionWrapper checkOut(int[] local) {
        PoolEntry warm = takeWarm(local);
        return warm != null ? handleOf(warm, local) : checkOutGenerally(local);
    }

    /**
     * Checks out an idle connection on the warm path, in thread-local mode to hold; null when something sends
     * check-outs off it. Made through another bag's view ({@link ConnectionBag#recentView}), the check-out is to be
     * undone ({@link #undoCheckOutIfAny}).
     */
    private PoolEntry takeWarm(int[] view) {
        return useThreadLocal ? bag.takeWarmToHold(view) : bag.takeWarm(view);
    }

    /** Undoes the check-out, if any, that the warm path made through {@code otherView}, another bag's view. */
    private void undoCheckOutIfAny(PoolEntry taken, int[] otherView) {
        if (taken != null) {
            engine.undoCheckOut(taken, otherView);
        }
    }

    /** Checks a connection out off the warm path: whatever the engine finds, with what someone wants recorded. */
    private ConnectionWrapper checkOutGenerally(int[] local) {
        engine.ensureOpen();
        long start = events.timed() ? System.nanoTime() : 0L;
        return handOut(engine.acquire(local), local, start);
    }

    /** An idle connection checked out without waiting, opening or validating, or null. */
    private ConnectionWrapper takeIdle(int[] local) {
        long start = events.timed() ? System.nanoTime() : 0L;
        PoolEntry idle = engine.takeIdle(local, false);
        return idle == null ? null : handOut(idle, local, start);
    }

    /**
     * The handle of the connection this thread holds in thread-local mode, the pool being open; null when it holds
     * none (always in the other mode), or when {@code view} is another bag's.
     */
    private ConnectionWrapper heldHandle(int[] view) {
        PoolEntry held = heldInThreadLocalMode(view);
        if (held == null) {
            return null;
        }
        engine.ensureOpen();
        return held.handle();
    }

    /** The connection this thread holds in thread-local mode, or null (always null in the other mode). */
    private PoolEntry heldInThreadLocalMode(int[] local) {
        return useThreadLocal ? bag.held(local) : null;
    }

    /**
     * Gives a checked-out entry its handle ({@link #handleOf}) and records the check-out; in thread-local mode the
     * entry is then held.
     */
    private ConnectionWrapper handOut(PoolEntry entry, int[] local, long start) {
        ConnectionWrapper handle = handleOf(entry, local);
        if (useThreadLocal) {
            bag.held(local, entry);
        }
        engine.checkedOut(entry, handle, start);
        return handle;
    }

    /**
     * The handle of a checked-out entry: the one its thread had last time, when the same thread checks the same
     * connection out again (nothing is allocated), or a new one.
     */
    private ConnectionWrapper handleOf(PoolEntry entry, int[] local) {
        if (entry.handleMadeFor(local)) {
            return renewedHandle(entry);
        }
        return firstHandleFor(entry, local);
    }

    /** The latest handle of an entry, renewed for this check-out: for an entry whose latest handle is this thread's. */
    private static ConnectionWrapper renewedHandle(PoolEntry entry) {
        ConnectionWrapper handle = entry.handle();
        handle.renew(entry.checkout());
        return handle;
    }

    // Out of line: once per thread and connection, and a warm check-out that the JIT compiles small stays inlined.
    private ConnectionWrapper firstHandleFor(PoolEntry entry, int[] local) {
        ConnectionWrapper handle = newHandle(entry);
        entry.handle(handle, local);
        return handle;
    }

    private void checkIn(ConnectionWrapper connection, int[] local) {
        PoolEntry entry = connection.entry();
        if (entry.inUseUnmarkedBy(connection.checkout()) && entry.handleMadeFor(local) && bag.checkInsDirect()) {
            // The warm path: the thread that checked the connection out puts it back (in thread-local mode, the one
            // it holds: see handleOfHeld). The bag's record of the entry as returned ends the hold; a record of one
            // that the engine closes instead stays behind, and is found stale (ConnectionBag.held).
            engine.checkInQuietly(entry, local);
        } else {
            checkInGenerally(connection, local);
        }
    }

    /**
     * Checks a connection in off the warm path: in thread-local mode the one this thread holds, if any; else the
     * connection, unless its handle is stale or it was put back already.
     */
    private void checkInGenerally(ConnectionWrapper connection, int[] local) {
        if (useThreadLocal) {
            PoolEntry held = handleOfHeld(connection, local) ? connection.entry() : bag.held(local);
            if (held == null || held.handle() != connection) {
                rejectIfStale(connection);
            }
            if (held == null) {
                return;  // as in pycassa: a thread that holds nothing has nothing to put back
            }
            bag.held(local, null);
            engine.checkIn(held, local);
        } else if (connection.current()) {
            engine.checkIn(connection.entry(), local);
        } else {
            rejectIfStale(connection);
            if (connection.entry().state() != PoolEntry.REMOVED) {
                throw new InvalidPoolRequestException("Pool " + pool.loggingName() + ": " + connection
                        + " is not checked out; it was already put back");
            }
        }
    }

    /**
     * Whether {@code connection} is the handle of the connection that this thread holds in thread-local mode, as it
     * usually is: the handle then names the entry, which spares a look-up in the bag, on the path of every put. A
     * handle made for this thread whose check-out is still going on is that of the held connection: in thread-local
     * mode a thread has one check-out at a time, and every check-out is recorded as held.
     */
    private boolean handleOfHeld(ConnectionWrapper connection, int[] local) {
        return connection.entry().handleMadeFor(local) && connection.current();
    }

    /**
     * Fails for a handle whose check-out ended and whose connection another check-out has taken since: the caller
     * kept it after {@code put} and would otherwise reach someone else's connection.
     */
    private void rejectIfStale(ConnectionWrapper connection) {
        PoolEntry entry = connection.entry();
        if (entry.checkout() != connection.checkout() && entry.state() != PoolEntry.REMOVED) {
            throw new InvalidPoolRequestException("Pool " + pool.loggingName() + ": " + connection + " was already put"
                    + " back, and its connection has been checked out again since; a connection kept after put() must"
                    + " not be used or put back");
        }
    }
}
