package dev.casspool.internal;

import dev.casspool.PoolEvent;
import dev.casspool.PoolEventType;
import dev.casspool.PoolListener;
import java.util.Objects;
import java.util.function.Consumer;

/** A listener for one kind of event, made by {@link PoolListener#on(PoolEventType, Consumer)}. */
public final class SingleEventListener implements PoolListener {

    private final PoolEventType type;
    private final Consumer<PoolEvent> handler;

    /** Creates the listener. */
    public SingleEventListener(PoolEventType type, Consumer<PoolEvent> handler) {
        this.type = Objects.requireNonNull(type, "type");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** The only kind of event this listener receives; the pool does not offer it any other. */
    public PoolEventType type() {
        return type;
    }

    private void accept(PoolEventType received, PoolEvent event) {
        if (received == type) {
            handler.accept(event);
        }
    }

    @Override
    public void connectionCheckedIn(PoolEvent event) {
        accept(PoolEventType.CONNECTION_CHECKED_IN, event);
    }

    @Override
    public void connectionCheckedOut(PoolEvent event) {
        accept(PoolEventType.CONNECTION_CHECKED_OUT, event);
    }

    @Override
    public void connectionCreated(PoolEvent event) {
        accept(PoolEventType.CONNECTION_CREATED, event);
    }

    @Override
    public void connectionDisposed(PoolEvent event) {
        accept(PoolEventType.CONNECTION_DISPOSED, event);
    }

    @Override
    public void connectionFailed(PoolEvent event) {
        accept(PoolEventType.CONNECTION_FAILED, event);
    }

    @Override
    public void connectionRecycled(PoolEvent event) {
        accept(PoolEventType.CONNECTION_RECYCLED, event);
    }

    @Override
    public void poolAtMax(PoolEvent event) {
        accept(PoolEventType.POOL_AT_MAX, event);
    }

    @Override
    public void poolDisposed(PoolEvent event) {
        accept(PoolEventType.POOL_DISPOSED, event);
    }

    @Override
    public void serverListObtained(PoolEvent event) {
        accept(PoolEventType.SERVER_LIST_OBTAINED, event);
    }

    @Override
    public void noConnectionAvailable(PoolEvent event) {
        accept(PoolEventType.NO_CONNECTION_AVAILABLE, event);
    }

    @Override
    public void operationRetried(PoolEvent event) {
        accept(PoolEventType.OPERATION_RETRIED, event);
    }

    @Override
    public void serverMarkedDown(PoolEvent event) {
        accept(PoolEventType.SERVER_MARKED_DOWN, event);
    }

    @Override
    public void serverMarkedUp(PoolEvent event) {
        accept(PoolEventType.SERVER_MARKED_UP, event);
    }
}
