package dev.goalcoach.goal;

public enum Theme {
    FITNESS,
    LEARNING,
    HEALTH,
    MINDFULNESS,
    FINANCE,
    CAREER,
    OTHER
}
