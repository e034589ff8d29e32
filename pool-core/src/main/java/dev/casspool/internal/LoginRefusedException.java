package dev.casspool.internal;

import org.apache.thrift.TException;

/** Marks a failure of the {@code login} step of opening a connection; the cause is Cassandra's answer. */
final class LoginRefusedException extends TException {

    private static final long serialVersionUID = 1L;

    LoginRefusedException(TException cause) {
        super(cause);
    }
}
