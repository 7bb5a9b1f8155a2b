package dev.goalcoach.kit.ai;

import java.util.regex.Pattern;

/**
 * What a member wrote, made fit for a prompt: email addresses, phone numbers and links carrying credentials are
 * replaced by a placeholder (the model needs the goal, not how to reach its owner), and angle brackets are
 * turned into look-alikes so that the text cannot close the delimiters it is passed in.
 */
public final class Redaction {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[\\p{L}]{2,}");
    private static final Pattern URL_WITH_USER = Pattern.compile("\\b[a-z][a-z0-9+.-]*://[^\\s/@]+@\\S+");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w-])\\+?\\d[\\d ()./-]{7,}\\d(?![\\w-])");

    public static String forPrompt(String memberText) {
        if (memberText == null) {
            return "";
        }
        String t = URL_WITH_USER.matcher(memberText).replaceAll("[link]");
        t = EMAIL.matcher(t).replaceAll("[email]");
        t = PHONE.matcher(t).replaceAll(m -> digits(m.group()) >= 9 ? "[phone]" : m.group());
        return t.replace('<', '‹').replace('>', '›');
    }

    private static long digits(String s) {
        return s.chars().filter(Character::isDigit).count();
    }

    private Redaction() {}
}
