package dev.goalcoach.member.service;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.member.MemberRules;
import dev.goalcoach.member.repository.MemberRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks credentials and issues tokens. An unknown email and a wrong password get the same answer, as slowly. */
@ApplicationScoped
public class AuthService {

    private final MemberRepository members;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;

    public AuthService(MemberRepository members, PasswordHasher hasher, TokenIssuer tokens) {
        this.members = members;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    @WithSession
    public Uni<TokenIssuer.IssuedToken> login(String email, String password) {
        String normalized = MemberRules.normalizeEmail(email).orElse("");
        return members.findByEmail(normalized)
                .chain(m -> hasher.matches(password, m == null ? null : m.passwordHash)
                        .map(ok -> {
                            if (!ok) {
                                throw new ProblemException(401, "Unauthorized", "email or password is wrong");
                            }
                            return tokens.issue(m);
                        }));
    }
}
