package dev.casspool.autoconfigure.endpoint;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Recognises the keys that hold a pool's password, in every form a key reaches Actuator's {@code configprops} and
 * {@code env} endpoints: {@code cassandra.pool.password} and {@code cassandra.pool.pools.<name>.password}, written
 * with dots, brackets ({@code pools[orders]}) or as environment variables ({@code CASSANDRA_POOL_PASSWORD},
 * {@code CASSANDRA_POOL_POOLS_ORDERS_PASSWORD}), in any case.
 */
final class PoolPasswordKeys {

    private PoolPasswordKeys() {
    }

    /** Whether {@code key} is the top-level or a named pool's password. */
    static boolean isPassword(String key) {
        List<String> elements = Arrays.stream(key.toLowerCase(Locale.ROOT).split("[._\\[\\]]+"))
                .filter(element -> !element.isEmpty()).toList();
        int size = elements.size();
        if (size < 3 || !elements.get(0).equals("cassandra") || !elements.get(1).equals("pool")
                || !elements.get(size - 1).equals("password")) {
            return false;
        }
        // cassandra.pool.password, or cassandra.pool.pools.<name>.password (a name may split into several elements)
        return size == 3 || size >= 5 && elements.get(2).equals("pools");
    }
}
