package dev.goalcoach.kit.rest;

import java.util.List;

/** One page of a list answer: its items, the page asked for (from 0), the page size, and how many there are in all. */
public record PageView<T>(List<T> items, int page, int size, long total) {}
