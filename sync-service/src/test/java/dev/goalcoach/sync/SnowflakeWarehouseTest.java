package dev.goalcoach.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.goalcoach.kit.messaging.ReceivedEvent;
import dev.goalcoach.sync.config.SyncConfig;
import dev.goalcoach.sync.loader.EventRows;
import dev.goalcoach.sync.warehouse.Batch;
import dev.goalcoach.sync.warehouse.Warehouse;
import dev.goalcoach.sync.warehouse.Warehouses;
import dev.goalcoach.testkit.SnowflakeStub;
import dev.goalcoach.testkit.TestNow;
import dev.goalcoach.warehouse.Schema;
import dev.goalcoach.warehouse.SnowflakeDialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Snowflake path with the real Snowflake JDBC driver, against {@link SnowflakeStub} on loopback: key-pair
 * login, the schema, and one batch — what the driver sent, statement by statement, binds included.
 */
class SnowflakeWarehouseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SnowflakeStub stub;
    private KeyPair keys;
    private Warehouse warehouse;

    @BeforeEach
    void start() throws Exception {
        stub = new SnowflakeStub(sql -> switch (sql) {
            case "select max(version) from sync_schema" -> List.of(Arrays.asList((String) null));
            case "select count(*) from sync_control where id = 1" -> List.of(List.of("0"));
            case "select generation from sync_control where id = 1" -> List.of(List.of("0"));
            default -> null;
        });
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        Path keyFile = dir.resolve("rsa_key.p8");
        Files.writeString(
                keyFile,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(keys.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        String url = "jdbc:snowflake://127.0.0.1:" + stub.port()
                + "/?account=goalcoach&ssl=off&db=GOALCOACH&schema=WAREHOUSE&warehouse=LOAD_WH&role=SYNC";
        warehouse = Warehouses.open(config(url, keyFile.toString()), "sync-service");
    }

    @AfterEach
    void stop() {
        warehouse.close();
        stub.close();
    }

    @Test
    void logsInWithASignedKeyPairTokenAndNoPassword() throws Exception {
        warehouse.ping();

        assertThat(stub.logins).hasSize(1);
        JsonNode login = stub.logins.get(0).path("data");
        assertThat(login.path("AUTHENTICATOR").asText()).isEqualTo("SNOWFLAKE_JWT");
        assertThat(login.path("LOGIN_NAME").asText()).isEqualTo("SYNC_USER");
        assertThat(login.path("ACCOUNT_NAME").asText()).isEqualTo("goalcoach");
        assertThat(login.has("PASSWORD")).isFalse();
        assertThat(login.path("SESSION_PARAMETERS")
                        .path("JDBC_QUERY_RESULT_FORMAT")
                        .asText())
                .as("results as JSON, the format the stub answers in")
                .isEqualTo("JSON");
        String[] jwt = login.path("TOKEN").asText().split("\\.");
        assertThat(jwt).hasSize(3);
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(jwt[2])))
                .as("the login token is signed with our private key")
                .isTrue();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.path("sub").asText()).isEqualTo("GOALCOACH.SYNC_USER");
        // only the login and query endpoints (and the session's close) were called, all on the stub
        assertThat(Set.copyOf(stub.paths)).isSubsetOf("/session/v1/login-request", "/queries/v1/query-request");
    }

    @Test
    void createsTheSchemaOnceAndLoadsABatchAsStagingBindsThenOneMergePerTableInOneTransaction() throws Exception {
        warehouse.migrate();
        var dialect = new SnowflakeDialect();
        var ddl = sqls(stub.executed());
        assertThat(ddl).containsSubsequence(dialect.createSchema());
        assertThat(ddl)
                .containsSubsequence(
                        "insert into sync_control (id, generation) values (1, 0)",
                        "insert into sync_schema (version) values (1)");
        assertThat(ddl).containsAll(dialect.createStaging());
        assertThat(ddl).contains("alter session /* JDBC:SnowflakeConnectionImpl.setAutoCommit*/ set autocommit=false");
        stub.queries.clear();

        var story = new Story().full();
        var batch = new Batch();
        long offset = 0;
        for (var r : story.events) {
            EventRows.add(batch, ReceivedEvent.of(r.headers(), r.value()), TestNow.instant());
            batch.consumed(new TopicPartition(r.topic(), 0), offset++);
        }
        var notice = new Warehouse.Notice(
                UUID.randomUUID(),
                List.copyOf(batch.members()),
                batch.events(),
                TestNow.instant(),
                TestNow.instant(),
                batch.factsOnly());
        var committed = warehouse.commit(batch, 0, notice);
        assertThat(committed.generationChanged()).isFalse();

        var executed = stub.executed();
        var sql = sqls(executed);
        assertThat(sql.get(0)).isEqualTo("select generation from sync_control where id = 1");
        assertThat(sql.get(sql.size() - 1)).isEqualTo("commit");
        var expected = new ArrayList<String>();
        for (var t : batch.rows().keySet()) {
            expected.add(t.stagingInsert());
        }
        for (var t : batch.rows().keySet()) {
            expected.add(dialect.merge(t));
        }
        expected.addAll(Schema.afterDeletions());
        expected.addAll(Schema.afterGoals());
        for (var t : batch.rows().keySet()) {
            expected.add("delete from " + t.staging());
        }
        assertThat(sql).containsSubsequence(expected);
        assertThat(sql).doesNotContain("rollback");

        // each staging table filled by one statement with array binds, a value per row
        var checkins = executed.stream()
                .filter(q -> q.sql().equals(Schema.FACT_CHECKINS.stagingInsert()))
                .toList();
        assertThat(checkins).hasSize(1);
        JsonNode binds = checkins.get(0).bindings();
        assertThat(binds.path("1").path("type").asText()).isEqualTo("TEXT");
        assertThat(values(binds.path("1")))
                .containsExactly(
                        story.id("c1").toString(),
                        story.id("c1").toString(),
                        story.id("c2").toString(),
                        story.id("c3").toString(),
                        story.id("c9").toString());
        assertThat(values(binds.path("6"))).containsExactly("DONE", "MISSED", "DONE", "SKIPPED", "DONE");
        assertThat(binds.path("9").path("type").asText()).isEqualTo("FIXED");
        assertThat(values(binds.path("9"))).containsExactly("1", "2", "1", "1", "1");
        var offsets = executed.stream()
                .filter(q -> q.sql().equals(Schema.OFFSETS.stagingInsert()))
                .findFirst()
                .orElseThrow();
        assertThat(values(offsets.bindings().path("3"))).allMatch(v -> Long.parseLong(v) > 0);
        // the journal's text is not among the binds
        assertThat(executed).allSatisfy(q -> assertThat(q.bindings().toString()).doesNotContain("first words"));
    }

    private static List<String> values(JsonNode bind) {
        return StreamSupport.stream(bind.path("value").spliterator(), false)
                .map(v -> v.isNull() ? null : v.asText())
                .toList();
    }

    private static List<String> sqls(List<SnowflakeStub.Query> queries) {
        return queries.stream().map(SnowflakeStub.Query::sql).toList();
    }

    private static SyncConfig.Warehouse config(String url, String keyFile) {
        return new SyncConfig.Warehouse() {
            @Override
            public String dialect() {
                return "snowflake";
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public Optional<String> user() {
                return Optional.of("SYNC_USER");
            }

            @Override
            public Optional<String> password() {
                return Optional.of("never-sent");
            }

            @Override
            public Optional<String> privateKeyFile() {
                return Optional.of(keyFile);
            }
        };
    }
}
