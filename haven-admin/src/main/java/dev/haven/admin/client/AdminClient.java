package dev.haven.admin.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haven.admin.AdminServer;
import dev.haven.admin.AdminToken;
import dev.haven.admin.api.ApiError;
import dev.haven.node.DataDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Calls the admin API of the node running on a data directory. */
public final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final AdminToken token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** A client of the API at {@code base} (e.g. {@code http://127.0.0.1:4480/}). */
    public AdminClient(URI base, AdminToken token) {
        this.base = base;
        this.token = token;
    }

    /**
     * The client of the node running on {@code dataDir}, or empty when none runs there (its lock
     * is free). A running node without a readable {@code admin.url} is an error: the CLI must not
     * fall back to offline code while a node holds the volumes.
     */
    public static Optional<AdminClient> forDataDirectory(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir) || !DataDirectory.isHeld(dataDir)) {
            return Optional.empty();
        }
        Path url = dataDir.resolve(AdminServer.URL_FILE);
        if (!Files.exists(url)) {
            throw new IOException("a Haven node is running on " + dataDir + " but its admin API is not up (no "
                    + url.getFileName() + " yet); try again in a moment");
        }
        return Optional.of(new AdminClient(URI.create(Files.readString(url, StandardCharsets.UTF_8).strip()),
                AdminToken.read(dataDir)));
    }

    /** GETs {@code path} (below {@code /api/v1}) as {@code type}. */
    public <T> T get(String path, TypeReference<T> type) throws IOException {
        return send("GET", path, null, type);
    }

    /** POSTs {@code body} to {@code path} and reads the answer as {@code type}. */
    public <T> T post(String path, Object body, TypeReference<T> type) throws IOException {
        return send("POST", path, body, type);
    }

    /** DELETEs {@code path}. */
    public void delete(String path) throws IOException {
        send("DELETE", path, null, null);
    }

    /** One path segment, percent-encoded (names may hold spaces and other characters). */
    public static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T send(String method, String path, Object body, TypeReference<T> type) throws IOException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1" + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token.value()).header("Content-Type", "application/json")
                .method(method, publisher).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the admin API", e);
        }
        if (response.statusCode() >= 300) {
            throw new AdminApiException(response.statusCode(), message(response.body(), response.statusCode()));
        }
        if (type == null || response.body().length == 0) {
            return null;
        }
        return json.readValue(response.body(), type);
    }

    private String message(byte[] body, int status) {
        try {
            return json.readValue(body, ApiError.class).error();
        } catch (IOException | RuntimeException e) {
            return "HTTP " + status; // not one of ours (a proxy, or the wrong port)
        }
    }
}
