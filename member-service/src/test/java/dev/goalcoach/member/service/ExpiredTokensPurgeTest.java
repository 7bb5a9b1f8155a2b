package dev.goalcoach.member.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.goalcoach.testkit.Rows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hourly housekeeping: refresh tokens and mailed links go a day after they expired, and not before. */
@QuarkusTest
class ExpiredTokensPurgeTest {

    @Inject
    Sessions sessions;

    @Inject
    EmailVerification verification;

    @Test
    void whatExpiredADayAgoGoesTheRestStays() throws Throwable {
        var member = UUID.randomUUID();
        Rows.execute("insert into members (id, email, display_name, role, timezone, password_hash, revision,"
                + " created_at, updated_at) values ('" + member + "', '" + member + "@example.org', 'P', 'MEMBER',"
                + " 'UTC', 'x', 1, now(), now())");
        for (String when : new String[] {"now() - interval '2 days'", "now() - interval '1 hour'"}) {
            String tag = when.contains("days") ? "old" : "recent";
            Rows.execute("insert into refresh_tokens (token_hash, family_id, member_id, created_at, expires_at)"
                    + " values ('" + tag + member + "', '" + UUID.randomUUID() + "', '" + member + "', now(), "
                    + when + ")");
            Rows.execute("insert into account_tokens (token_hash, member_id, purpose, email, created_at, expires_at)"
                    + " values ('" + tag + member + "', '" + member + "', 'RESET_PASSWORD', 'p@example.org', now(), "
                    + when + ")");
        }

        // as the scheduler runs them: on a Vert.x context
        VertxContextSupport.subscribeAndAwait(sessions::purgeExpired);
        VertxContextSupport.subscribeAndAwait(verification::purgeExpired);

        for (String table : new String[] {"refresh_tokens", "account_tokens"}) {
            assertThat(Rows.count("select count(*) from " + table + " where token_hash = 'old" + member + "'"))
                    .as(table + ": expired two days ago")
                    .isZero();
            assertThat(Rows.count("select count(*) from " + table + " where token_hash = 'recent" + member + "'"))
                    .as(table + ": expired an hour ago")
                    .isEqualTo(1);
        }
    }
}
