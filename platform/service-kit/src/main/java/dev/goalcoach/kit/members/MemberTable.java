package dev.goalcoach.kit.members;

import java.util.List;

/**
 * One table of a service's database that holds rows about a member, and what becomes of them: {@code where}
 * selects the member's rows ({@code :member} is the member's id); erasure deletes them, export reads them (all
 * columns but the {@code withheld} ones), each as this table says.
 */
public record MemberTable(String table, String where, boolean exported, boolean erased, List<String> withheld) {

    public MemberTable {
        if (!where.contains(":member")) {
            throw new IllegalArgumentException(table + ": the condition must name :member");
        }
        withheld = List.copyOf(withheld);
    }

    /** The member's own data: exported (but for {@code withheld} columns) and erased. */
    public static MemberTable personal(String table, String where, String... withheld) {
        return new MemberTable(table, where, true, true, List.of(withheld));
    }

    /**
     * Erased, never exported: bookkeeping (idempotency keys, job marks, sessions) or what others wrote about the
     * member (a mentor's notes). The caller's comment says which.
     */
    public static MemberTable erasedOnly(String table, String where) {
        return new MemberTable(table, where, false, true, List.of());
    }

    /** Exported, not deleted: the service's erasure keeps the rows and blanks what named the member itself. */
    public static MemberTable kept(String table, String where, String... withheld) {
        return new MemberTable(table, where, true, false, List.of(withheld));
    }

    /** The erasure's statement. */
    String delete() {
        return "delete from " + table + " where " + where;
    }

    /** The export's expression: a JSON array of the member's rows ({@code $1} the member), {@code []} if none. */
    String rows() {
        String row = withheld.isEmpty()
                ? "to_jsonb(t)"
                : "to_jsonb(t) - array["
                        + String.join(
                                ", ", withheld.stream().map(c -> "'" + c + "'").toList()) + "]::text[]";
        return "coalesce((select jsonb_agg(" + row + ") from " + table + " t where " + where.replace(":member", "$1")
                + "), '[]'::jsonb)";
    }
}
