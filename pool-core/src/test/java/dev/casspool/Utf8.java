package dev.casspool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Row keys, column names and values as Thrift wants them, for tests that call Thrift directly. */
final class Utf8 {

    private Utf8() {
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
