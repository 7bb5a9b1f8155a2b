package dev.goalcoach.goal.repository;

import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Where a service's statements run: the pool (each statement on its own, as one check-in without an
 * Idempotency-Key needs) or one transaction's connection. Opaque outside the repositories, which take it.
 */
public final class Db {

    final SqlClient client;

    Db(SqlClient client) {
        this.client = client;
    }
}
