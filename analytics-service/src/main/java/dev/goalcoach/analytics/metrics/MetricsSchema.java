package dev.goalcoach.analytics.metrics;

import dev.goalcoach.warehouse.Migrations;
import java.util.List;

/** analytics-service's tables in the warehouse, beside the loader's star schema ({@code analytics_schema}). */
public final class MetricsSchema {

    public static final String VERSION_TABLE = "analytics_schema";

    /** PostgreSQL, version 1. */
    public static List<Migrations.Version> postgres() {
        return List.of(new Migrations.Version(
                1,
                List.of(
                        "create table if not exists metrics_adherence (member_id uuid not null, scope text not null,"
                                + " scope_id uuid not null, window_days integer not null, done numeric(12, 4) not null,"
                                + " due numeric(12, 4) not null, adherence numeric(6, 4), as_of date not null,"
                                + " computed_at timestamptz not null, primary key (member_id, scope, scope_id, window_days))",
                        "create table if not exists metrics_streak (member_id uuid not null, scope text not null,"
                                + " scope_id uuid not null, unit text not null, current_streak integer not null,"
                                + " longest_streak integer not null, as_of date not null, computed_at timestamptz not null,"
                                + " primary key (member_id, scope, scope_id))",
                        "create table if not exists metrics_habit_strength (member_id uuid not null,"
                                + " habit_id uuid not null, strength numeric(6, 4) not null, as_of date not null,"
                                + " computed_at timestamptz not null, primary key (member_id, habit_id))")));
    }

    private MetricsSchema() {}
}
