package dev.casspool.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes a self-signed key pair for a node's Thrift TLS with the JDK's {@code keytool}. The keystore also serves
 * clients as their trust store: Java trusts the certificate of a key entry.
 */
public final class SelfSignedKeystore {

    private SelfSignedKeystore() {
    }

    /**
     * Creates {@code node.jks} in {@code directory} with a key pair whose certificate names {@code address} (an IP
     * address) as subject alternative name, so that hostname checks pass.
     *
     * @return the TLS settings for a node, whose keystore is also the clients' trust store
     */
    public static ClientTls create(Path directory, String address, String password) {
        Path keystore = directory.resolve("node.jks");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = List.of(keytool, "-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "3650", "-dname", "CN=casspool-test", "-ext", "SAN=IP:" + address,
                "-keystore", keystore.toString(), "-storetype", "JKS", "-storepass", password, "-keypass", password);
        try {
            Files.createDirectories(directory);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
        return new ClientTls(keystore, password);
    }
}
