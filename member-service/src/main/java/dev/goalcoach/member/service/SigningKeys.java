package dev.goalcoach.member.service;

import dev.goalcoach.member.config.MemberConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The keys behind the suite's tokens, as other services and clients find them: the current signing key's id
 * ({@code kid}, its RFC 7638 thumbprint) stamped on every token, and the key set (JWKS) of the current key and any
 * earlier ones still in their overlap. With the key set at {@code /.well-known/jwks.json} the other services
 * verify by {@code kid}, so a rotation needs no restart of theirs (deploy/k8s/README.md, rotation).
 */
@Startup // a key that cannot be read stops the start, not the first sign-in
@ApplicationScoped
public class SigningKeys {

    private final String currentKid;
    private final List<Map<String, Object>> jwks;

    public SigningKeys(MemberConfig config) {
        var keys = new ArrayList<Map<String, Object>>();
        RsaJsonWebKey current = jwk(read(config.signingPublicKey()));
        currentKid = current.getKeyId();
        keys.add(exported(current));
        for (String location : config.previousPublicKeys().orElse(List.of())) {
            var previous = jwk(read(location.strip()));
            if (!previous.getKeyId().equals(currentKid)) {
                keys.add(exported(previous));
            }
        }
        jwks = List.copyOf(keys);
    }

    /** The {@code kid} of tokens signed now. */
    public String currentKeyId() {
        return currentKid;
    }

    /** The key set: {@code {"keys": [...]}}, the current key first. */
    public Map<String, Object> keySet() {
        return Map.of("keys", jwks);
    }

    /** A key's id: the base64url SHA-256 thumbprint of its public part (RFC 7638), the same wherever computed. */
    public static String keyId(PublicKey key) {
        return jwk(key).getKeyId();
    }

    private static RsaJsonWebKey jwk(PublicKey key) {
        var jwk = new RsaJsonWebKey((RSAPublicKey) key);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        return jwk;
    }

    private static Map<String, Object> exported(RsaJsonWebKey jwk) {
        return new LinkedHashMap<>(jwk.toParams(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    /** A PEM public key from a file path or a {@code file:} URI. */
    private static PublicKey read(String location) {
        Path file = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        try {
            return KeyUtils.decodePublicKey(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key " + location, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a PEM public key: " + location, e);
        }
    }
}
