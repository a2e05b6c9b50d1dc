package dev.haven.admin;

import dev.haven.node.Node;
import dev.haven.node.NodeOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** A node on a temporary data directory with its admin server on a free port, and raw HTTP calls to it. */
final class AdminFixture implements AutoCloseable {
    static final String PASSWORD = "admin-test-pw";

    final Node node;
    final AdminServer admin;
    final String token;
    private final HttpClient http = HttpClient.newHttpClient();

    AdminFixture(Path dir) throws Exception {
        NodeOptions options = NodeOptions.defaults(dir).withAddress("127.0.0.1", 0).withInitialPassword(PASSWORD)
                .withDefaultVolumeBytes(256L << 20)
                .withOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        node = Node.start(options);
        try {
            admin = AdminServer.start(node, "127.0.0.1", 0, Clock.systemUTC());
        } catch (Exception e) {
            node.close();
            throw e;
        }
        token = AdminToken.read(dir).value();
    }

    /** The answer to {@code method path} with {@code body} (null: none), with the token when {@code auth}. */
    HttpResponse<String> call(String method, String path, String body, boolean auth)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin.baseUrl()).resolve(path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (auth) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws IOException {
        try {
            admin.close();
        } finally {
            node.close();
        }
    }
}
