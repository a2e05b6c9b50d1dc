package dev.haven.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The API's OpenAPI 3 description, hand-written in {@code openapi.json} (a test checks it lists every route). */
final class OpenApi {
    private static final JsonNode DOCUMENT = load();

    private OpenApi() {}

    static JsonNode document() {
        return DOCUMENT;
    }

    private static JsonNode load() {
        try (InputStream in = OpenApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
