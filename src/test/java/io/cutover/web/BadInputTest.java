package io.cutover.web;

import static io.cutover.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import io.cutover.PanelTest;
import io.cutover.RunApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * Input that used to end in a 500 gets a 400 that names the field, and changes nothing.
 */
@PanelTest
class BadInputTest {

    private static final String TOO_LONG = "x".repeat(2001);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RunApi api;

    long id;

    @BeforeEach
    void migration() {
        id = api.createMigration("gated-test", "{}");
    }

    @Test
    void noteOver2000CharactersIsRefusedWith400NamingTheNote() {
        MvcTestResult result = post("operator", "/steps/one-a/complete", "{\"note\":\"" + TOO_LONG + "\"}");

        assertThat(result).hasStatus(400);
        JsonNode problem = api.body(result);
        assertThat(problem.get("detail").asString())
            .isEqualTo("The note may be at most 2000 characters; this one has 2001");
        assertThat(problem.get("fieldErrors").get("note").asString()).isEqualTo("At most 2000 characters");
        assertThat(timesDone("one-a")).isZero();
    }

    @Test
    void noteOver2000CharactersOnTheFormShowsTheReasonWith400() {
        assertThat(mvc.post()
            .uri("/migrations/" + id + "/steps/one-a/complete")
            .with(user("operator").roles("OPERATOR"))
            .with(csrf())
            .param("note", TOO_LONG)).hasStatus(400)
            .bodyText()
            .contains("The note may be at most 2000 characters; this one has 2001");
        assertThat(timesDone("one-a")).isZero();
    }

    @Test
    void commentAndReasonOver2000CharactersAreRefusedNamingTheirField() {
        assertThat(api.body(post("approver", "/gate-items/ok-b/sign-off", "{\"comment\":\"" + TOO_LONG + "\"}"))
            .get("fieldErrors")
            .get("comment")
            .asString()).isEqualTo("At most 2000 characters");
        assertThat(post("approver", "/gate-items/ok-b/sign-off", "{\"comment\":\"fine\"}")).hasStatusOk();

        MvcTestResult revoke = post("approver", "/gate-items/ok-b/revoke", "{\"reason\":\"" + TOO_LONG + "\"}");

        assertThat(revoke).hasStatus(400);
        assertThat(api.body(revoke).get("fieldErrors").get("reason").asString()).isEqualTo("At most 2000 characters");
        assertThat(api.body(mvc.get().uri("/api/migrations/" + id).with(as("viewer")).exchange())
            .get("phases")
            .get(0)
            .get("gates")
            .get(0)
            .get("items")
            .get(1)
            .get("signOffs")
            .size()).as("the sign-off still counts").isEqualTo(1);
    }

    @Test
    void aJsonValueOfTheWrongTypeIsRefusedNamingTheField() {
        MvcTestResult result = post("approver", "/gate-items/ok-b/revoke", "{\"signOffId\":\"abc\",\"reason\":\"r\"}");

        assertThat(result).hasStatus(400);
        assertThat(api.body(result).get("detail").asString())
            .isEqualTo("The field 'signOffId' has a value of the wrong type");
        assertThat(api.body(result).get("fieldErrors").get("signOffId").asString())
            .isEqualTo("A value of the wrong type");
    }

    @Test
    void aSecretTooLongToSealIsRefusedNamingTheParameter() {
        MvcTestResult result = mvc.post()
            .uri("/api/migrations/" + id + "/parameters")
            .with(as("admin"))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"token\":\"" + "t".repeat(9000) + "\"}")
            .exchange();

        assertThat(result).hasStatus(400);
        assertThat(api.body(result).get("fieldErrors").get("token").asString())
            .isEqualTo("Token is longer than 4000 bytes");
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedOnTheUserForm() {
        assertThat(mvc.post()
            .uri("/admin/users")
            .with(user("admin").roles("ADMIN"))
            .with(csrf())
            .param("username", "long-password")
            .param("password", "p".repeat(100))
            .param("roles", "VIEWER")).hasStatus(400).bodyText().contains("At most 72 bytes: bcrypt reads no further");
    }

    private MvcTestResult post(String user, String path, String body) {
        return mvc.post()
            .uri("/api/migrations/" + id + path)
            .with(as(user))
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)
            .exchange();
    }

    private int timesDone(String stepId) {
        for (JsonNode step : api.body(mvc.get().uri("/api/migrations/" + id).with(as("viewer")).exchange())
            .get("phases")
            .get(0)
            .get("steps")) {
            if (step.get("id").asString().equals(stepId)) {
                return step.get("timesDone").asInt();
            }
        }
        throw new AssertionError("no step " + stepId);
    }

}
