package dev.goalcoach.member;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes an email, a display name, a time zone and a password acceptable. Pure: no framework inside. */
public final class MemberRules {

    public static final int MAX_EMAIL = 254;
    public static final int MAX_DISPLAY_NAME = 100;
    public static final int MIN_PASSWORD = 10;
    public static final int MAX_PASSWORD = 128;
    /** bcrypt reads at most this many bytes of a password (UTF-8): a longer one is refused, not cut short. */
    public static final int MAX_PASSWORD_BYTES = 72;

    // one @, a dotted domain, no spaces: deliberately plain, the confirmation mail (not the regex) proves ownership
    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Set<String> COMMON_PASSWORDS = Set.of(
            "password123",
            "password1234",
            "1234567890",
            "qwertyuiop",
            "iloveyou12",
            "letmein123",
            "welcome123",
            "passw0rd123",
            "abc1234567",
            "qwerty1234",
            "1q2w3e4r5t",
            "football12",
            "monkey1234",
            "dragon1234");

    /** The email in its stored form (trimmed, lower-cased), or empty when it is not an email address. */
    public static Optional<String> normalizeEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String e = email.trim().toLowerCase(Locale.ROOT);
        if (e.length() > MAX_EMAIL || !EMAIL.matcher(e).matches() || e.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(e);
    }

    /** True for IANA region ids such as {@code Pacific/Auckland} or {@code UTC}; false for offsets and unknowns. */
    public static boolean isTimeZone(String zone) {
        return zone != null && ZoneId.getAvailableZoneIds().contains(zone);
    }

    /** Why a password is too weak, or empty when it is acceptable. */
    public static Optional<String> passwordWeakness(String password, String email) {
        if (password == null || password.length() < MIN_PASSWORD) {
            return Optional.of("must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            return Optional.of("must be at most " + MAX_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.of(
                    "must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (fewer characters outside ASCII)");
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean other = password.chars().anyMatch(c -> !Character.isLetter(c));
        if (!letter || !other) {
            return Optional.of("must mix letters with digits or symbols");
        }
        if (password.chars().distinct().count() < 5) {
            return Optional.of("uses too few different characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON_PASSWORDS.contains(lower)) {
            return Optional.of("is one of the most common passwords");
        }
        if (email != null && email.contains("@")) {
            String local = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
            if (local.length() >= 4 && lower.contains(local)) {
                return Optional.of("must not contain your email address");
            }
        }
        return Optional.empty();
    }

    /** The display name trimmed, or empty when it is blank, too long or has control characters. */
    public static Optional<String> normalizeDisplayName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip();
        if (n.isEmpty() || n.length() > MAX_DISPLAY_NAME || n.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(n);
    }

    private MemberRules() {}
}
