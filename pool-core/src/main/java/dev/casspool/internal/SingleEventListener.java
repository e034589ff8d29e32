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

    @Override
    public void onEvent(PoolEvent event) {
        if (event.type() == type) {
            handler.accept(event);
        }
    }

    @Override
    public String toString() {
        return "PoolListener.on(" + type + ", " + handler + ")";
    }
}
