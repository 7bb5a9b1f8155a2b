package dev.goalcoach.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets of a local installation, made on first start under the state directory and never committed: the JWT
 * signing key pair, the first admin's password and the services' client secrets.
 */
final class LocalSecrets {

    private final Path dir;

    LocalSecrets(Path stateDir) {
        this.dir = stateDir;
    }

    Path privateKey() {
        return dir.resolve("jwt/private.pem");
    }

    Path publicKey() {
        return dir.resolve("jwt/public.pem");
    }

    void ensureKeys() throws IOException {
        if (Files.exists(privateKey()) && Files.exists(publicKey())) {
            return;
        }
        Files.createDirectories(privateKey().getParent());
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            writeSecret(privateKey(), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey(), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The admin password from the environment, else the one generated on first start. */
    String adminPassword(String fromEnv) throws IOException {
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path file = dir.resolve("admin-password");
        if (!Files.exists(file)) {
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(dir);
            writeSecret(file, "Gc-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "-7");
        }
        return Files.readString(file).trim();
    }

    /**
     * The client secret of one of the suite's services, for its client-credentials token at member-service: made on
     * first start, kept under the state directory.
     */
    String clientSecret(String service) throws IOException {
        Path file = dir.resolve("clients").resolve(service);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.createDirectories(file.getParent());
            writeSecret(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        return Files.readString(file).trim();
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
