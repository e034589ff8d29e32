package dev.casspool.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which keys the sanitizing function masks: every spelling of the top-level and the named pools' password, and nothing
 * else. The sample application's test shows them masked in Actuator's endpoints.
 */
@Tag("boot-lines")
class PoolPasswordKeysTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "cassandra.pool.password, true",
        "cassandra.pool.pools.orders.password, true",
        "cassandra.pool.pools[orders].password, true",
        "cassandra.pool.pools.order-history.password, true",
        "CASSANDRA_POOL_PASSWORD, true",
        "CASSANDRA_POOL_POOLS_ORDERS_PASSWORD, true",
        "CASSANDRA_POOL_POOLS_ORDER_HISTORY_PASSWORD, true",
        "cassandra.pool.Password, true",
        "cassandra.pool.username, false",
        "cassandra.pool.pools.orders.username, false",
        "cassandra.pool.pools.password, false",
        "cassandra.pool.ssl.bundle, false",
        "other.cassandra.pool.password, false",
        "cassandra.pool.other.password, false",
        "spring.datasource.password, false",
    })
    void recognisesThePoolPasswords(String key, boolean password) {
        assertThat(PoolPasswordKeys.isPassword(key)).isEqualTo(password);
    }
}
