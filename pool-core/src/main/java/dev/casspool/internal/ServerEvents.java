package dev.casspool.internal;

import java.util.function.Consumer;

/**
 * Turns a pool's server state changes into events, and makes a server marked down lose its idle connections: they
 * failed with it or soon will, and each would otherwise cost a later caller (or health check) a failure of its own.
 */
final class ServerEvents implements ServerHealth.Observer {

    private final PoolEvents events;
    private final Consumer<Server> closeIdleConnections;

    /**
     * Creates the observer.
     *
     * @param events told of every change
     * @param closeIdleConnections closes the idle connections to a server marked down
     */
    ServerEvents(PoolEvents events, Consumer<Server> closeIdleConnections) {
        this.events = events;
        this.closeIdleConnections = closeIdleConnections;
    }

    @Override
    public void markedDown(Server server, Throwable failure) {
        events.serverMarkedDown(server, failure);
        closeIdleConnections.accept(server);
    }

    @Override
    public void markedUp(Server server) {
        events.serverMarkedUp(server);
    }
}
