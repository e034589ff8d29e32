package dev.casspool.embedded;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS on a node's Thrift port ({@code client_encryption_options}): the node presents the key pair in
 * {@code keystore}, and plain-socket clients are refused.
 *
 * @param keystore a JKS or PKCS12 keystore holding the node's key pair
 * @param keystorePassword the keystore's password
 */
public record ClientTls(Path keystore, String keystorePassword) {

    /** Checks that both parts are given. */
    public ClientTls {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
    }

    @Override
    public String toString() {
        return "ClientTls[keystore=" + keystore + "]";
    }
}
