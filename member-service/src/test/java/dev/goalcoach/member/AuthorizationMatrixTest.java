package dev.goalcoach.member;

import static dev.goalcoach.testkit.Requests.anonymous;
import static dev.goalcoach.testkit.Requests.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.goalcoach.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every member-service endpoint against every kind of caller: the member themselves, another member, their
 * mentor, another mentor, an admin, no token, an expired token, a token signed by a key nobody trusts.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    enum Who {
        SELF,
        OTHER_MEMBER,
        THEIR_MENTOR,
        OTHER_MENTOR,
        ADMIN,
        NO_TOKEN,
        EXPIRED,
        FOREIGN_KEY
    }

    /** A subject member with a mentor, plus everyone who might ask about them. */
    UUID subject;

    UUID otherMember;
    UUID mentor;
    UUID otherMentor;
    Map<Who, String> tokens;
    String admin;

    @BeforeEach
    void world() {
        admin = Api.adminToken();
        String subjectEmail = Api.uniqueEmail("subject");
        String otherEmail = Api.uniqueEmail("other");
        subject = Api.register(subjectEmail, "Europe/Lisbon");
        otherMember = Api.register(otherEmail, "Europe/Lisbon");
        mentor = Api.createMentor(admin);
        otherMentor = Api.createMentor(admin);
        Api.assignMentor(admin, subject, mentor);
        tokens = new EnumMap<>(Who.class);
        tokens.put(Who.SELF, Api.login(subjectEmail, "Correct-horse-9"));
        tokens.put(Who.OTHER_MEMBER, Api.login(otherEmail, "Correct-horse-9"));
        tokens.put(Who.THEIR_MENTOR, TestTokens.mentor(mentor));
        tokens.put(Who.OTHER_MENTOR, TestTokens.mentor(otherMentor));
        tokens.put(Who.ADMIN, admin);
        tokens.put(Who.EXPIRED, TestTokens.expired(subject));
        tokens.put(Who.FOREIGN_KEY, TestTokens.signedByAnotherKey(subject, "ADMIN"));
    }

    private Response call(Who who, Function<RequestSpecification, Response> request) {
        var spec = who == Who.NO_TOKEN ? anonymous() : as(tokens.get(who));
        return request.apply(spec);
    }

    private static int expect(Who who, int self, int otherMember, int mentor, int otherMentor, int admin) {
        return switch (who) {
            case SELF -> self;
            case OTHER_MEMBER -> otherMember;
            case THEIR_MENTOR -> mentor;
            case OTHER_MENTOR -> otherMentor;
            case ADMIN -> admin;
            case NO_TOKEN, EXPIRED, FOREIGN_KEY -> 401;
        };
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void readAMember(Who who) {
        var r = call(who, s -> s.get("/members/" + subject));
        assertThat(r.statusCode()).isEqualTo(expect(who, 200, 404, 200, 404, 200));
        assertThat(r.contentType()).startsWith(r.statusCode() == 200 ? "application/json" : "application/problem+json");
        if (r.statusCode() == 401) {
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void editAMember(Who who) {
        var r = call(
                who, s -> s.body(Map.of("displayName", "Renamed by " + who)).put("/members/" + subject));
        assertThat(r.statusCode()).isEqualTo(expect(who, 200, 404, 403, 404, 200));
        String name = as(admin).get("/members/" + subject).then().extract().path("displayName");
        assertThat(name.equals("Renamed by " + who)).isEqualTo(r.statusCode() == 200);
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void eraseAMember(Who who) {
        var r = call(who, s -> s.delete("/members/" + subject));
        assertThat(r.statusCode()).isEqualTo(expect(who, 204, 404, 403, 404, 204));
        as(admin).get("/members/" + subject).then().statusCode(r.statusCode() == 204 ? 404 : 200);
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void listMembers(Who who) {
        // everyone asks for the mentor's mentees; each sees only what is theirs to see
        var r = call(who, s -> s.get("/members?size=200&mentorId=" + mentor));
        assertThat(r.statusCode()).isEqualTo(expect(who, 200, 200, 200, 200, 200));
        if (r.statusCode() == 200) {
            List<String> ids = r.jsonPath().getList("items.id");
            boolean seesSubject = who == Who.SELF || who == Who.THEIR_MENTOR || who == Who.ADMIN;
            assertThat(ids).isEqualTo(seesSubject ? List.of(subject.toString()) : List.of());
            var unfiltered =
                    call(who, s -> s.get("/members?size=200")).jsonPath().getList("items.id");
            if (who == Who.SELF || who == Who.OTHER_MEMBER) {
                assertThat(unfiltered).hasSize(1);
            }
            if (who == Who.THEIR_MENTOR || who == Who.OTHER_MENTOR) {
                assertThat(unfiltered).doesNotContain(otherMember.toString());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void createAMemberDirectly(Who who) {
        var body = Map.of(
                "email", Api.uniqueEmail("direct"),
                "password", "Direct-pass-42",
                "displayName", "Direct",
                "timezone", "UTC",
                "role", "MEMBER");
        var r = call(who, s -> s.body(body).post("/members"));
        assertThat(r.statusCode()).isEqualTo(expect(who, 403, 403, 403, 403, 201));
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void assignAMentor(Who who) {
        var r = call(
                who, s -> s.body(Map.of("mentorId", otherMentor.toString())).put("/members/" + subject + "/mentor"));
        assertThat(r.statusCode()).isEqualTo(expect(who, 403, 403, 403, 403, 200));
        as(admin)
                .get("/members/" + subject)
                .then()
                .body("mentorId", equalTo((r.statusCode() == 200 ? otherMentor : mentor).toString()));
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void listAMentorsMentees(Who who) {
        var r = call(who, s -> s.get("/mentors/" + mentor + "/mentees"));
        assertThat(r.statusCode()).isEqualTo(expect(who, 404, 404, 200, 404, 200));
        if (r.statusCode() == 200) {
            assertThat(r.jsonPath().getList("items.id", String.class)).containsExactly(subject.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void seeACohortAndItsMembers(Who who) {
        String group = as(TestTokens.mentor(mentor))
                .body(Map.of("name", "Early risers"))
                .post("/groups")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(TestTokens.mentor(mentor))
                .put("/groups/" + group + "/members/" + subject)
                .then()
                .statusCode(200);

        var read = call(who, s -> s.get("/groups/" + group));
        assertThat(read.statusCode()).isEqualTo(expect(who, 200, 404, 200, 404, 200));
        var roster = call(who, s -> s.get("/groups/" + group + "/members"));
        assertThat(roster.statusCode()).isEqualTo(expect(who, 404, 404, 200, 404, 200));
        var join = call(who, s -> s.put("/groups/" + group + "/members/" + otherMember));
        // nobody may pull someone else's mentee into a cohort; only the group's mentor and admins get that far
        assertThat(join.statusCode()).isEqualTo(expect(who, 404, 404, 404, 404, 409));
    }
}
