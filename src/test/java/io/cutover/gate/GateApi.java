package io.cutover.gate;

import static io.cutover.TestUsers.as;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drives the JSON API the way a script of the team would. */
class GateApi {

    private final MockMvcTester mvc;

    private final JsonMapper json;

    GateApi(MockMvcTester mvc, JsonMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    long createMigration(String runbookId) {
        MvcTestResult result = post("admin", "/api/migrations",
                "{\"name\":\"m-" + System.nanoTime() + "\",\"runbookId\":\"" + runbookId + "\",\"values\":{}}");
        return body(result).get("id").asLong();
    }

    MvcTestResult complete(String user, long id, String step) {
        return post(user, "/api/migrations/" + id + "/steps/" + step + "/complete", "{\"note\":\"done\"}");
    }

    MvcTestResult sign(String user, long id, String item) {
        return post(user, "/api/migrations/" + id + "/gate-items/" + item + "/sign-off", "{\"comment\":\"checked\"}");
    }

    MvcTestResult revoke(String user, long id, String item, String reason) {
        return post(user, "/api/migrations/" + id + "/gate-items/" + item + "/revoke",
                "{\"reason\":\"" + reason + "\"}");
    }

    JsonNode migration(long id) {
        return body(mvc.get().uri("/api/migrations/" + id).with(as("viewer")).exchange());
    }

    String phaseState(long id, String phaseId) {
        return phase(id, phaseId).get("state").asString();
    }

    JsonNode phase(long id, String phaseId) {
        JsonNode m = migration(id);
        for (String list : new String[] { "phases", "flows" }) {
            for (JsonNode p : m.get(list)) {
                if (p.get("id").asString().equals(phaseId)) {
                    return p;
                }
            }
        }
        throw new AssertionError("no phase " + phaseId);
    }

    JsonNode item(long id, String itemId) {
        for (JsonNode list : new JsonNode[] { migration(id).get("phases"), migration(id).get("flows") }) {
            for (JsonNode p : list) {
                for (JsonNode g : p.get("gates")) {
                    for (JsonNode i : g.get("items")) {
                        if (i.get("id").asString().equals(itemId)) {
                            return i;
                        }
                    }
                }
            }
        }
        throw new AssertionError("no item " + itemId);
    }

    int timesDone(long id, String stepId) {
        for (JsonNode p : migration(id).get("phases")) {
            for (JsonNode s : p.get("steps")) {
                if (s.get("id").asString().equals(stepId)) {
                    return s.get("timesDone").asInt();
                }
            }
        }
        throw new AssertionError("no step " + stepId);
    }

    JsonNode body(MvcTestResult result) {
        try {
            return json.readTree(result.getResponse().getContentAsString());
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    MvcTestResult post(String user, String uri, String body) {
        return mvc.post().uri(uri).with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

}
