package dev.casspool.sample;

import dev.casspool.embedded.CassandraNode;

/** The keyspaces and column families of the sample application ({@code application.yml}), for the nodes it runs on. */
final class SampleSchema {

    /** The keyspace of the {@code columns} pool. */
    static final String COLUMNS_KEYSPACE = "Keyspace1";

    /** The keyspace of the {@code audit} pool. */
    static final String AUDIT_KEYSPACE = "Audit";

    private SampleSchema() {
    }

    /** Creates both keyspaces, replication factor 1, on {@code node}. */
    static void create(CassandraNode node) {
        node.schema().createKeyspace(COLUMNS_KEYSPACE, 1, ColumnsService.COLUMN_FAMILY);
        node.schema().createKeyspace(AUDIT_KEYSPACE, 1, AuditService.COLUMN_FAMILY);
    }
}
