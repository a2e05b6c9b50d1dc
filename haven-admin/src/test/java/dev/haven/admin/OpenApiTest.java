package dev.haven.admin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written OpenAPI description lists every route the server answers, with its method. */
class OpenApiTest {
    @TempDir
    Path dir;

    @Test
    void describesEveryRoute() throws Exception {
        try (AdminFixture f = new AdminFixture(dir)) {
            JsonNode paths = OpenApi.document().get("paths");
            for (Route r : f.admin.routes()) {
                JsonNode path = paths.get(r.template());
                assertTrue(path != null, r.template() + " is missing from openapi.json");
                assertTrue(path.has(r.method().toLowerCase(Locale.ROOT)),
                        r.method() + " " + r.template() + " is missing from openapi.json");
            }
            assertTrue(paths.has("/health") && paths.has("/metrics"));
        }
    }
}
