package dev.haven.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP: the token, error answers, and every route once. */
class AdminApiTest {
    @TempDir
    static Path dir;

    private static AdminFixture f;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        f = new AdminFixture(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private JsonNode ok(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = f.call(method, path, body, true);
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body().isEmpty() ? null : json.readTree(r.body());
    }

    @Test
    void everyRouteRefusesARequestWithoutTheToken() throws Exception {
        for (Route r : f.admin.routes()) {
            String path = r.template().replace("{fs}", "data").replace("{name}", "x");
            HttpResponse<String> resp = f.call(r.method(), path, r.body() == null ? null : "{}", false);
            assertEquals(401, resp.statusCode(), r.method() + " " + path);
            assertTrue(resp.headers().firstValue("WWW-Authenticate").isPresent());
        }
        assertEquals(401, f.call("GET", "/api/v1/nowhere", null, false).statusCode(), "unknown paths too");
        assertEquals(401, f.call("GET", "/api/v1/status", null, false).statusCode());
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.admin.baseUrl() + "api/v1/status"))
                .header("Authorization", "Bearer " + f.token + "x").build();
        assertEquals(401, client.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void theTokenFileIsReadableByItsOwnerOnly() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve(AdminToken.FILE))));
    }

    @Test
    void healthAndMetricsNeedNoTokenAndRevealNoSecrets() throws Exception {
        HttpResponse<String> health = f.call("GET", "/health", null, false);
        assertEquals(200, health.statusCode());
        assertEquals("UP", json.readTree(health.body()).get("status").asText());
        HttpResponse<String> metrics = f.call("GET", "/metrics", null, false);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("haven_smb_sessions"), metrics.body());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertFalse(metrics.body().contains(f.token));
        assertFalse(metrics.body().contains(AdminFixture.PASSWORD));
    }

    @Test
    void malformedJsonGetsA400ThatSaysWhy() throws Exception {
        HttpResponse<String> r = f.call("POST", "/api/v1/shares", "{\"name\": ", true);
        assertEquals(400, r.statusCode());
        assertTrue(json.readTree(r.body()).get("error").asText().startsWith("malformed JSON"), r.body());
        HttpResponse<String> unknown = f.call("POST", "/api/v1/filesystems/data/snapshots", "{\"nmae\":\"x\"}", true);
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("nmae"), unknown.body());
        HttpResponse<String> missing = f.call("POST", "/api/v1/shares", "{\"name\":\"x\"}", true);
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("filesystem"), missing.body());
    }

    @Test
    void unknownPathsAndMethodsAndNamesAreNamed() throws Exception {
        assertEquals(404, f.call("GET", "/api/v1/nowhere", null, true).statusCode());
        assertEquals(405, f.call("PUT", "/api/v1/shares", "{}", true).statusCode());
        assertEquals(404, f.call("GET", "/api/v1/filesystems/nope/snapshots", null, true).statusCode());
        assertEquals(404, f.call("DELETE", "/api/v1/shares/nope", null, true).statusCode());
        assertEquals(404, f.call("DELETE", "/api/v1/filesystems/data/snapshots/nope", null, true).statusCode());
    }

    @Test
    void everyRouteWorks() throws Exception {
        JsonNode status = ok("GET", "/api/v1/status", null, 200);
        assertEquals("RUNNING", status.get("virtualServers").get(0).get("state").asText());
        JsonNode fs = ok("GET", "/api/v1/filesystems", null, 200).get(0);
        assertEquals("data", fs.get("name").asText());
        assertTrue(fs.get("freeBytes").asLong() > 0);

        JsonNode taken = ok("POST", "/api/v1/filesystems/data/snapshots", "{\"name\":\"api-1\"}", 201);
        assertEquals("api-1", taken.get("snapshot").get("name").asText());
        assertTrue(taken.get("pauseMillis").asDouble() >= 0);
        assertEquals(409, f.call("POST", "/api/v1/filesystems/data/snapshots", "{\"name\":\"api-1\"}", true)
                .statusCode(), "names are unique");
        assertEquals(400, f.call("POST", "/api/v1/filesystems/data/snapshots", "{\"name\":\"a b\"}", true)
                .statusCode(), "names are checked");
        JsonNode w = ok("POST", "/api/v1/filesystems/data/writable",
                "{\"base\":\"api-1\",\"name\":\"api-w\",\"share\":\"apicopy\"}", 201);
        assertEquals("apicopy", w.get("share").get("name").asText());
        assertEquals(409, f.call("POST", "/api/v1/filesystems/data/snapshots/api-w/refresh", "{}", true).statusCode(),
                "refused while a share serves it");
        ok("DELETE", "/api/v1/shares/apicopy", null, 204);
        JsonNode refreshed = ok("POST", "/api/v1/filesystems/data/snapshots/api-w/refresh", "{\"from\":\"api-1\"}",
                201);
        assertEquals("api-1", refreshed.get("base").asText());
        JsonNode snaps = ok("GET", "/api/v1/filesystems/data/snapshots", null, 200);
        assertEquals(2, snaps.size());

        ok("POST", "/api/v1/shares", "{\"name\":\"ro\",\"filesystem\":\"data\",\"snapshot\":\"api-1\"}", 201);
        JsonNode shares = ok("GET", "/api/v1/shares", null, 200);
        assertEquals(2, shares.size());
        assertEquals("api-1", shares.get(1).get("snapshot").asText());
        assertTrue(Files.readString(dir.resolve("haven.conf")).contains("[share ro]"));
        ok("DELETE", "/api/v1/shares/ro", null, 204);

        assertEquals(0, ok("GET", "/api/v1/sessions", null, 200).size());
        assertEquals(0, ok("GET", "/api/v1/opens", null, 200).size());
        ok("GET", "/api/v1/filesystems/data/restore", null, 204); // no restore runs
        JsonNode restore = ok("POST", "/api/v1/filesystems/data/restore", "{\"from\":\"api-1\"}", 201);
        assertEquals("api-1", restore.get("source").asText());
        assertEquals(400, f.call("POST", "/api/v1/filesystems/data/restore", "{}", true).statusCode());
        ok("DELETE", "/api/v1/filesystems/data/snapshots/api-w", null, 204);
        assertEquals("3.0.3", ok("GET", "/api/v1/openapi.json", null, 200).get("openapi").asText());
    }
}
