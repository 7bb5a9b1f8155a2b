package dev.goalcoach.member.service;

import dev.goalcoach.kit.limits.RateLimiter;
import dev.goalcoach.member.config.MemberConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * How often a client may sign in or up, or ask for a mail ({@link MemberConfig.Limits}): per client address, so one machine cannot
 * guess passwords or mint accounts in bulk, and per account, so guesses spread over many addresses still stop
 * after a few failures. Checked before any password is hashed. Past a limit: 429 with {@code Retry-After}.
 */
@ApplicationScoped
public class SignInLimits {

    private final RateLimiter loginsPerAddress;
    private final RateLimiter failedLoginsPerAccount;
    private final RateLimiter registrationsPerAddress;
    private final RateLimiter registrationsPerAccount;
    private final RateLimiter resetsPerAddress;
    private final RateLimiter resetsPerAccount;
    private final RateLimiter verificationResends;
    private final RateLimiter emailChanges;

    public SignInLimits(MemberConfig config) {
        var limits = config.limits();
        this.loginsPerAddress =
                new RateLimiter(limits.loginsPerAddress(), "too many sign-in attempts from this address");
        this.failedLoginsPerAccount =
                new RateLimiter(limits.failedLoginsPerAccount(), "too many failed sign-ins for this account");
        this.registrationsPerAddress =
                new RateLimiter(limits.registrationsPerAddress(), "too many sign-ups from this address");
        this.registrationsPerAccount =
                new RateLimiter(limits.registrationsPerAccount(), "too many sign-up attempts for this email");
        this.resetsPerAddress =
                new RateLimiter(limits.resetsPerAddress(), "too many password resets asked from this address");
        this.resetsPerAccount =
                new RateLimiter(limits.resetsPerAccount(), "too many password resets asked for this email");
        this.verificationResends =
                new RateLimiter(limits.verificationResends(), "too many verification mails asked for");
        this.emailChanges = new RateLimiter(limits.emailChanges(), "too many email changes");
    }

    /** Admits a login attempt, or throws the 429 problem. */
    public void admitLogin(String address, String email) {
        loginsPerAddress.take(address);
        failedLoginsPerAccount.check(account(email));
    }

    public void loginFailed(String email) {
        failedLoginsPerAccount.charge(account(email));
    }

    public void loginSucceeded(String email) {
        failedLoginsPerAccount.forgive(account(email));
    }

    /** Admits a registration attempt, or throws the 429 problem. */
    public void admitRegistration(String address, String email) {
        registrationsPerAddress.take(address);
        registrationsPerAccount.take(account(email));
    }

    /** Admits a password reset request (whether the email has an account or not), or throws the 429 problem. */
    public void admitReset(String address, String email) {
        resetsPerAddress.take(address);
        resetsPerAccount.take(account(email));
    }

    /** Admits a member's request for another verification mail, or throws the 429 problem. */
    public void admitVerificationResend(java.util.UUID memberId) {
        verificationResends.take(memberId.toString());
    }

    /** Admits a member's change of address (it sends two mails), or throws the 429 problem. */
    public void admitEmailChange(java.util.UUID memberId) {
        emailChanges.take(memberId.toString());
    }

    /** The account an email names, as login and registration compare it (its length is bounded by then). */
    private static String account(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
