package dev.goalcoach.member.service;

import dev.goalcoach.kit.problem.ProblemException;
import dev.goalcoach.member.MemberRules;
import dev.goalcoach.member.repository.MemberRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks credentials and starts a session (an access and a refresh token). An unknown email and a wrong password get the same answer, as slowly. */
@ApplicationScoped
public class AuthService {

    private final MemberRepository members;
    private final PasswordHasher hasher;
    private final Sessions sessions;
    private final SignInLimits limits;

    public AuthService(MemberRepository members, PasswordHasher hasher, Sessions sessions, SignInLimits limits) {
        this.members = members;
        this.hasher = hasher;
        this.sessions = sessions;
        this.limits = limits;
    }

    /** A login from {@code address}: refused with 429 past the address's or the account's limit, before hashing. */
    @WithSession
    public Uni<Sessions.Pair> login(String address, String email, String password) {
        limits.admitLogin(address, email);
        String normalized = MemberRules.normalizeEmail(email).orElse("");
        return members.findByEmail(normalized)
                .chain(m -> hasher.matches(password, m == null ? null : m.passwordHash)
                        .chain(ok -> {
                            if (!ok) {
                                limits.loginFailed(email);
                                throw new ProblemException(401, "Unauthorized", "email or password is wrong");
                            }
                            limits.loginSucceeded(email);
                            return sessions.start(m);
                        }));
    }
}
