package dev.haven.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The web console's static files (plain HTML, JS and CSS from the jar, no build step). The page
 * asks for the token and sends it with every API call; the files themselves hold nothing secret.
 */
final class Console {
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/console.js", "console.js",
            "/console.css", "console.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    /** Where an answer goes. */
    interface Reply {
        void send(int status, String type, byte[] body);
    }

    private Console() {}

    static void serve(String path, String method, Reply reply) throws IOException {
        String file = FILES.get(path);
        if (file == null || !method.equals("GET")) {
            reply.send(404, "text/plain; charset=utf-8", ("not found: " + path).getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = Console.class.getResourceAsStream("console/" + file)) {
            if (in == null) {
                throw new IOException("console/" + file + " is missing from the jar");
            }
            reply.send(200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), in.readAllBytes());
        }
    }
}
