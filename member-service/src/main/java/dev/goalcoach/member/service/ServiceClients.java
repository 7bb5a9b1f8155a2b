package dev.goalcoach.member.service;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.member.config.MemberConfig;
import dev.goalcoach.member.service.TokenIssuer.IssuedToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The suite's own services, which take a token with client credentials (OAuth2 {@code client_credentials}): their
 * ids and secrets from configuration ({@code GOALCOACH_SERVICE_CLIENTS}), checked in constant time. A service's
 * token has the role {@code SERVICE} and its client id as subject, so no member endpoint takes it.
 */
@ApplicationScoped
public class ServiceClients {

    static final int MIN_SECRET = 32;
    private static final Pattern CLIENT_ID = Pattern.compile("[a-z][a-z0-9-]{1,62}");

    /** Client id to the SHA-256 of its secret (so that comparing takes the same time whatever the guess). */
    private final Map<String, byte[]> clients;

    private final TokenIssuer tokens;
    private final SignInLimits limits;

    public ServiceClients(MemberConfig config, TokenIssuer tokens, SignInLimits limits) {
        this.tokens = tokens;
        this.limits = limits;
        this.clients = parse(config.serviceClients().orElse(""));
    }

    static Map<String, byte[]> parse(String setting) {
        var clients = new HashMap<String, byte[]>();
        for (String pair : setting.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String id = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
            String secret = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (!CLIENT_ID.matcher(id).matches() || secret.length() < MIN_SECRET) {
                throw new IllegalArgumentException("GOALCOACH_SERVICE_CLIENTS: each entry is client-id=secret, the id"
                        + " lower-case letters, digits and dashes, the secret at least " + MIN_SECRET
                        + " characters; not so for '" + id + "'");
            }
            clients.put(id, sha256(secret));
        }
        return Map.copyOf(clients);
    }

    /**
     * A token for the client, or 401 when the id or secret is wrong (the same answer for both); attempts from one
     * address and failures for one client id are limited as logins are.
     */
    public IssuedToken issue(String address, String clientId, String secret) {
        String account = "client " + clientId;
        limits.admitLogin(address, account);
        byte[] known = clientId == null ? null : clients.get(clientId);
        byte[] given = sha256(secret == null ? "" : secret);
        // compared even for an unknown id, so that the time taken does not tell which ids exist
        boolean match = MessageDigest.isEqual(known == null ? new byte[32] : known, given) && known != null;
        if (!match) {
            limits.loginFailed(account);
            throw new ProblemException(401, "Unauthorized", "unknown client or wrong secret");
        }
        limits.loginSucceeded(account);
        return tokens.issueService(clientId);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
