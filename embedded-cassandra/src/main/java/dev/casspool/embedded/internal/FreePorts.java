package dev.casspool.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Finds TCP ports that are free on every one of a set of addresses, as a ring's nodes share their ports. */
public final class FreePorts {

    private static final int ATTEMPTS = 50;

    /** Ports handed out by this JVM, so that nodes started one after another never get the same one. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /**
     * Returns a port that is free right now on all {@code addresses}.
     *
     * @throws IllegalStateException when no such port turns up
     */
    public static synchronized int find(List<String> addresses) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int candidate = ephemeralPort(addresses.get(0));
            if (!HANDED_OUT.contains(candidate) && addresses.stream().allMatch(a -> isFree(a, candidate))) {
                HANDED_OUT.add(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("No TCP port is free on all of " + addresses + " after " + ATTEMPTS + " tries");
    }

    private static int ephemeralPort(String address) {
        try (ServerSocket socket = bind(address, 0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind to " + address
                    + " (only loopback addresses 127.0.0.x are used; Linux routes all of 127/8 to loopback)", e);
        }
    }

    /** Whether {@code port} on {@code address} can be bound right now. */
    public static boolean isFree(String address, int port) {
        try (ServerSocket ignored = bind(address, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ServerSocket bind(String address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
