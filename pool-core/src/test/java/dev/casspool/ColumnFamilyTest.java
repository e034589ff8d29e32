package dev.casspool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casspool.embedded.CassandraNode;
import dev.casspool.embedded.EmbeddedCassandra;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.cassandra.thrift.ConsistencyLevel;
import org.apache.cassandra.thrift.NotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ColumnFamily helper: the reference's example and pycassa's read and write forms. */
@EmbeddedCassandra
class ColumnFamilyTest {

    @RegisterExtension
    static final TestKeyspace KEYSPACE = new TestKeyspace("ColumnFamilies", "Standard1", "Ranges")
            .withCounters("Counter1");
    private static ConnectionPool pool;

    @BeforeAll
    static void createPool(CassandraNode node) {
        pool = TestPools.builder(node, KEYSPACE).build();
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void theReferenceExampleInsertsAndReturnsTheTimestampInMicroseconds() throws Exception {
        ColumnFamily cf = new ColumnFamily(pool, "Standard1");
        long before = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        long timestamp = cf.insert("key", Map.of("col", "val"));
        long after = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());

        assertThat(timestamp).isBetween(before, after);
        assertThat(cf.get("key")).containsExactly(Map.entry("col", "val"));
    }

    @Test
    void readsRowsColumnsAndCounts() throws Exception {
        ColumnFamily cf = new ColumnFamily(pool, "Standard1");
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("a", "1");
        columns.put("b", "2");
        columns.put("c", "3");
        cf.insert("row", columns);

        assertThat(cf.get("row")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
        assertThat(cf.get("row", List.of("a", "c"))).containsExactly(Map.entry("a", "1"), Map.entry("c", "3"));
        assertThat(cf.getCount("row")).isEqualTo(3);
        assertThat(cf.getCount("no-such-row")).isZero();
        cf.setColumnCount(2);
        assertThat(cf.get("row")).containsOnlyKeys("a", "b");
    }

    @Test
    void aMissingRowThrowsNotFound() {
        ColumnFamily cf = new ColumnFamily(pool, "Standard1");
        assertThatThrownBy(() -> cf.get("never-written")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> cf.get("never-written", List.of("x"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void multigetKeepsTheOrderOfTheKeysAndLeavesOutMissingRows() throws Exception {
        ColumnFamily cf = new ColumnFamily(pool, "Standard1");
        cf.setBufferSize(2);
        for (String key : List.of("m1", "m2", "m3", "m4")) {
            cf.insert(key, Map.of("c", key));
        }
        Map<String, Map<String, String>> rows = cf.multiget(List.of("m4", "missing", "m1", "m3", "m2"));
        assertThat(rows.keySet()).containsExactly("m4", "m1", "m3", "m2");
        assertThat(rows.get("m3")).containsEntry("c", "m3");
    }

    @Test
    void removeDeletesRowsAndColumns() throws Exception {
        ColumnFamily cf = new ColumnFamily(pool, "Standard1");
        cf.insert("doomed", Map.of("a", "1", "b", "2"));
        long removedAt = cf.remove("doomed", List.of("a"));
        assertThat(removedAt).isPositive();
        assertThat(cf.get("doomed")).containsOnlyKeys("b");
        cf.remove("doomed");
        assertThatThrownBy(() -> cf.get("doomed")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void getRangePagesThroughTheRingSkippingDeletedRows() throws Exception {
        ColumnFamily cf = new ColumnFamily(pool, "Ranges");
        cf.setBufferSize(3);
        for (int i = 0; i < 10; i++) {
            cf.insert("r" + i, Map.of("c", "v" + i));
        }
        cf.remove("r5");

        List<Map.Entry<String, Map<String, String>>> rows = cf.getRange("", 100);
        assertThat(rows).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r6", "r7", "r8", "r9")
                .doesNotHaveDuplicates();
        assertThat(rows).allSatisfy(row -> assertThat(row.getValue().get("c")).isEqualTo("v" + row.getKey()
                .substring(1)));
        assertThat(cf.getRange("", 4)).hasSize(4);

        List<String> fromThirdRow = new ArrayList<>();
        cf.getRange(rows.get(2).getKey(), 100).forEach(row -> fromThirdRow.add(row.getKey()));
        assertThat(fromThirdRow).containsExactlyElementsOf(rows.subList(2, rows.size()).stream()
                .map(Map.Entry::getKey).toList());
    }

    @Test
    void bytesFormsRoundTripAndSortLikeBytesType() throws Exception {
        ColumnFamily cf = new ColumnFamily(pool, "Standard1");
        byte[] key = {0, (byte) 0xff, 7};
        Map<byte[], byte[]> columns = new LinkedHashMap<>();
        columns.put(new byte[] {(byte) 0x80}, new byte[] {1});
        columns.put(new byte[] {0x01}, new byte[] {2});
        cf.insert(key, columns);

        SortedMap<byte[], byte[]> row = cf.get(key);
        assertThat(row.firstKey()).containsExactly(0x01);
        assertThat(row.get(new byte[] {(byte) 0x80})).containsExactly(1);
        assertThat(cf.getCount(key)).isEqualTo(2);
        assertThat(cf.multigetBytes(List.of(key, "none".getBytes(StandardCharsets.UTF_8)))).hasSize(1);
        cf.remove(key);
        assertThatThrownBy(() -> cf.get(key)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void consistencyLevelsDefaultToOneAndApplyToEachCall(CassandraNode node) throws Exception {
        ColumnFamily cf = new ColumnFamily(pool, "Standard1");
        assertThat(cf.getReadConsistencyLevel()).isEqualTo(ConsistencyLevel.ONE);
        assertThat(cf.getWriteConsistencyLevel()).isEqualTo(ConsistencyLevel.ONE);
        // A single node cannot satisfy TWO: Cassandra answers Unavailable, proving the level was sent.
        cf.setWriteConsistencyLevel(ConsistencyLevel.TWO);
        try (ConnectionPool noRetries = TestPools.builder(node, KEYSPACE).maxRetries(0).build()) {
            ColumnFamily strict = new ColumnFamily(noRetries, "Standard1");
            strict.setWriteConsistencyLevel(ConsistencyLevel.TWO);
            assertThatThrownBy(() -> strict.insert("k", Map.of("c", "v")))
                    .isInstanceOf(MaximumRetryException.class)
                    .hasCauseInstanceOf(org.apache.cassandra.thrift.UnavailableException.class);
            strict.setReadConsistencyLevel(ConsistencyLevel.TWO);
            assertThatThrownBy(() -> strict.get("k")).isInstanceOf(MaximumRetryException.class);
        }
    }

    @Test
    void countersAddUp() throws Exception {
        ColumnFamily counters = new ColumnFamily(pool, "Counter1");
        counters.add("page", "views", 3);
        counters.add("page", "views", 4);
        assertThat(counters.getCounter("page", "views")).isEqualTo(7);
    }
}
