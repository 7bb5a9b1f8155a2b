package dev.goalcoach.kit.rest;

import java.util.List;
import java.util.OptionalLong;

/** One page of a list answer: its items, the page asked for (from 0), the page size, and how many there are in all. */
public record PageView<T>(List<T> items, int page, int size, long total) {

    /** The largest page size a list answers ({@code size}). */
    public static final int MAX_SIZE = 200;

    /** The last page that can be asked for: its first item's offset ({@code page × size}) still fits an int. */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;

    /**
     * The total, when a page's own items tell it: a page that is not full and not past the end is the last one, so
     * the total is the items before it and on it, and no count need be asked (the usual case: one short page).
     */
    public static OptionalLong knownTotal(int page, int size, int found) {
        return found < size && (found > 0 || page == 0)
                ? OptionalLong.of((long) page * size + found)
                : OptionalLong.empty();
    }
}
