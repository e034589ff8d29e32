package dev.casspool.benchmarks.inert;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TEndpointTransport;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.apache.thrift.transport.TTransportException;

/**
 * An in-memory stand-in for a socket to a Cassandra Thrift server, for microbenchmarks of pool overhead only: it
 * answers every call at once with a canned success, so that opening a connection (transport {@code open},
 * {@code login}, {@code set_keyspace}) costs no network and check-out/check-in is all that is measured.
 *
 * <p>It speaks what a framed transport over the binary protocol writes: when the client flushes a frame, the socket
 * reads the call's message header (name and sequence id) and queues a framed {@code REPLY} with the same name and
 * sequence id whose result struct is empty. An empty result is a success for the void calls a pool makes
 * ({@code login}, {@code set_keyspace}). {@code describe_version}, with which casspool validates connections that
 * idled, gets a version string, since a missing result would fail the validation and make the pool replace the
 * connection. Any other call with a result fails in the client with {@code MISSING_RESULT}: nothing here serves data.
 */
public final class CannedReplySocket extends TEndpointTransport {

    private static final int FRAME_HEADER_BYTES = 4;
    private static final String VALIDATION_CALL = "describe_version";
    private static final String VERSION = "19.39.0";
    private static final TStruct RESULT = new TStruct("result");
    private static final TField SUCCESS = new TField("success", TType.STRING, (short) 0);

    private final ByteArrayOutputStream request = new ByteArrayOutputStream();
    private byte[] reply = new byte[0];
    private int replyPosition;
    private boolean open;

    /** Creates a closed socket, as {@code TSocket} starts; the pool opens it. */
    public CannedReplySocket() throws TTransportException {
        super(new TConfiguration());
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void open() {
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws TTransportException {
        requireOpen();
        request.write(buf, off, len);
    }

    /** Ends the frame the client wrote: answers it. */
    @Override
    public void flush() throws TTransportException {
        requireOpen();
        if (request.size() == 0) {
            return;
        }
        byte[] frame = request.toByteArray();
        request.reset();
        try {
            reply = answer(frame);
        } catch (TException e) {
            throw new TTransportException("Not a framed binary-protocol call: " + e.getMessage(), e);
        }
        replyPosition = 0;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws TTransportException {
        requireOpen();
        int available = reply.length - replyPosition;
        if (available == 0) {
            throw new TTransportException(TTransportException.END_OF_FILE, "No reply pending: nothing was called");
        }
        int count = Math.min(len, available);
        System.arraycopy(reply, replyPosition, buf, off, count);
        replyPosition += count;
        return count;
    }

    private void requireOpen() throws TTransportException {
        if (!open) {
            throw new TTransportException(TTransportException.NOT_OPEN, "CannedReplySocket is not open");
        }
    }

    private static byte[] answer(byte[] frame) throws TException {
        TMessage call = new TBinaryProtocol(new TMemoryInputTransport(frame, FRAME_HEADER_BYTES,
                frame.length - FRAME_HEADER_BYTES)).readMessageBegin();
        TMemoryBuffer body = new TMemoryBuffer(64);
        TProtocol out = new TBinaryProtocol(body);
        out.writeMessageBegin(new TMessage(call.name, TMessageType.REPLY, call.seqid));
        out.writeStructBegin(RESULT);
        if (VALIDATION_CALL.equals(call.name)) {
            out.writeFieldBegin(SUCCESS);
            out.writeString(VERSION);
            out.writeFieldEnd();
        }
        out.writeFieldStop();
        out.writeStructEnd();
        out.writeMessageEnd();
        return ByteBuffer.allocate(FRAME_HEADER_BYTES + body.length())
                .putInt(body.length())
                .put(body.getArray(), 0, body.length())
                .array();
    }
}
