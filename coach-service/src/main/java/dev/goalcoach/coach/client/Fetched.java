package dev.goalcoach.coach.client;

/** A part of the coach's context and where it came from (a service's name, or why it is missing). */
public record Fetched<T>(T value, String source) {}
