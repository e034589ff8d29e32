package dev.casspool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event a pool fires, with the type of the listener method that received it. */
final class RecordingListener implements PoolListener {

    record Recorded(PoolEventType type, PoolEvent event) {
    }

    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

    List<PoolEvent> events(PoolEventType type) {
        return recorded.stream().filter(r -> r.type() == type).map(Recorded::event).toList();
    }

    int count(PoolEventType type) {
        return events(type).size();
    }

    List<Recorded> all() {
        return List.copyOf(recorded);
    }

    void clear() {
        recorded.clear();
    }

    private void record(PoolEventType type, PoolEvent event) {
        recorded.add(new Recorded(type, event));
    }

    @Override
    public void connectionCheckedIn(PoolEvent event) {
        record(PoolEventType.CONNECTION_CHECKED_IN, event);
    }

    @Override
    public void connectionCheckedOut(PoolEvent event) {
        record(PoolEventType.CONNECTION_CHECKED_OUT, event);
    }

    @Override
    public void connectionCreated(PoolEvent event) {
        record(PoolEventType.CONNECTION_CREATED, event);
    }

    @Override
    public void connectionDisposed(PoolEvent event) {
        record(PoolEventType.CONNECTION_DISPOSED, event);
    }

    @Override
    public void connectionFailed(PoolEvent event) {
        record(PoolEventType.CONNECTION_FAILED, event);
    }

    @Override
    public void connectionRecycled(PoolEvent event) {
        record(PoolEventType.CONNECTION_RECYCLED, event);
    }

    @Override
    public void poolAtMax(PoolEvent event) {
        record(PoolEventType.POOL_AT_MAX, event);
    }

    @Override
    public void poolDisposed(PoolEvent event) {
        record(PoolEventType.POOL_DISPOSED, event);
    }

    @Override
    public void serverListObtained(PoolEvent event) {
        record(PoolEventType.SERVER_LIST_OBTAINED, event);
    }

    @Override
    public void noConnectionAvailable(PoolEvent event) {
        record(PoolEventType.NO_CONNECTION_AVAILABLE, event);
    }

    @Override
    public void operationRetried(PoolEvent event) {
        record(PoolEventType.OPERATION_RETRIED, event);
    }

    @Override
    public void serverMarkedDown(PoolEvent event) {
        record(PoolEventType.SERVER_MARKED_DOWN, event);
    }

    @Override
    public void serverMarkedUp(PoolEvent event) {
        record(PoolEventType.SERVER_MARKED_UP, event);
    }

    @Override
    public void serverAdded(PoolEvent event) {
        record(PoolEventType.SERVER_ADDED, event);
    }

    @Override
    public void serverRemoved(PoolEvent event) {
        record(PoolEventType.SERVER_REMOVED, event);
    }
}
