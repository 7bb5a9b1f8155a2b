package dev.goalcoach.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RSA key pairs made for the tests of one JVM, written as PEM files for the services' configuration. */
public final class JwtKeys {

    public static final String ISSUER = "https://goalcoach.dev/test";

    /** The audience test tokens carry and the applications under test verify. */
    public static final String AUDIENCE = "goalcoach";

    private static KeyPair trusted;
    private static KeyPair stranger;
    private static Path publicKeyFile;
    private static Path privateKeyFile;

    /** The pair whose public key the service under test trusts. */
    public static synchronized KeyPair trusted() {
        if (trusted == null) {
            trusted = generate();
            try {
                Path dir = Files.createTempDirectory("goalcoach-jwt");
                publicKeyFile = dir.resolve("public.pem");
                privateKeyFile = dir.resolve("private.pem");
                Files.writeString(
                        publicKeyFile, pem("PUBLIC KEY", trusted.getPublic().getEncoded()));
                Files.writeString(
                        privateKeyFile, pem("PRIVATE KEY", trusted.getPrivate().getEncoded()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return trusted;
    }

    /** A pair no service trusts: tokens signed with it must be refused. */
    public static synchronized KeyPair stranger() {
        if (stranger == null) {
            stranger = generate();
        }
        return stranger;
    }

    /** The stranger's public key as a PEM file: for a rotation, the key that takes over. */
    public static synchronized Path strangerPublicKeyFile() {
        try {
            Path file = Files.createTempFile("goalcoach-jwt-next", ".pem");
            Files.writeString(file, pem("PUBLIC KEY", stranger().getPublic().getEncoded()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key's id as member-service stamps it on tokens: the RFC 7638 SHA-256 thumbprint, base64url. */
    public static String kid(java.security.PublicKey key) {
        return new org.jose4j.jwk.RsaJsonWebKey((java.security.interfaces.RSAPublicKey) key)
                .calculateBase64urlEncodedThumbprint("SHA-256");
    }

    public static Path publicKeyFile() {
        trusted();
        return publicKeyFile;
    }

    public static Path privateKeyFile() {
        trusted();
        return privateKeyFile;
    }

    private static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private JwtKeys() {}
}
