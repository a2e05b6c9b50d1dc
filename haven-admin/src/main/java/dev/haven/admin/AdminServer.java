package dev.haven.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haven.admin.api.ApiError;
import dev.haven.node.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The node's admin HTTP server (Jetty): the API under {@code /api/v1/} (bearer token), then
 * {@code /health}, {@code /metrics} and the web console without it. While it runs, the data
 * directory's {@code admin.url} says where it listens, so the CLI finds it; it is removed at close.
 * Close order: stop Jetty (in-flight requests finish), remove {@code admin.url}.
 */
public final class AdminServer implements AutoCloseable {
    /** The default port of the admin API. */
    public static final int DEFAULT_PORT = 4480;
    /** The file in the data directory that holds the API's base URL while a node runs. */
    public static final String URL_FILE = "admin.url";
    private static final Logger LOG = System.getLogger(AdminServer.class.getName());
    private static final int MAX_BODY = 64 * 1024;

    private final Server server;
    private final Path urlFile;
    private final AdminToken token;
    private final List<Route> routes;
    private final Node node;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private AdminServer(Node node, Clock clock, AdminToken token) {
        this.node = node;
        this.token = token;
        this.routes = new Endpoints(node, clock).routes();
        this.urlFile = node.dataDirectory().root().resolve(URL_FILE);
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("haven-admin");
        this.server = new Server(threads);
    }

    /** Starts the admin server of {@code node} on {@code host}:{@code port} (0: any free port). */
    public static AdminServer start(Node node, String host, int port, Clock clock) throws Exception {
        AdminServer admin = new AdminServer(node, clock, AdminToken.loadOrCreate(node.dataDirectory().root()));
        ServerConnector connector = new ServerConnector(admin.server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        admin.server.addConnector(connector);
        admin.server.setHandler(admin.new Dispatch());
        try {
            admin.server.start();
        } catch (Exception e) {
            admin.server.stop();
            throw new IOException("admin API: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        Files.writeString(admin.urlFile, admin.baseUrl() + "\n", StandardCharsets.UTF_8);
        LOG.log(Level.INFO, "admin API on {0}api/v1/ (token in {1}), console on {0}", admin.baseUrl(),
                node.dataDirectory().root().resolve(AdminToken.FILE));
        return admin;
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        ServerConnector c = (ServerConnector) server.getConnectors()[0];
        return new InetSocketAddress(c.getHost(), c.getLocalPort());
    }

    /** {@code http://host:port/}. */
    public String baseUrl() {
        InetSocketAddress a = address();
        String host = a.getHostString().contains(":") ? "[" + a.getHostString() + "]" : a.getHostString();
        return "http://" + host + ":" + a.getPort() + "/";
    }

    /** The routes of the API (for the test that checks the OpenAPI description). */
    List<Route> routes() {
        return routes;
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IOException("admin API: stop failed", e);
        } finally {
            Files.deleteIfExists(urlFile);
        }
    }

    /** Routes every request; blocking is fine here, the handler runs on Jetty's pool threads. */
    private final class Dispatch extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            try {
                if (path.equals(Endpoints.V1) || path.startsWith(Endpoints.V1 + "/")) {
                    api(request, response, callback, path);
                } else if (path.equals("/health") && request.getMethod().equals("GET")) {
                    send(response, callback, 200, "application/json", bytes(Map.of("status", "UP")));
                } else if (path.equals("/metrics") && request.getMethod().equals("GET")) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    node.metrics().writeTo(out);
                    send(response, callback, 200, dev.haven.node.NodeMetrics.contentType(), out.toByteArray());
                } else {
                    Console.serve(path, request.getMethod(), (status, type, body) ->
                            send(response, callback, status, type, body));
                }
            } catch (RuntimeException | IOException e) {
                LOG.log(Level.ERROR, "admin API: internal error on " + request.getMethod() + " " + path, e);
                error(response, callback, 500, "internal error: " + e.getMessage());
            }
            return true;
        }
    }

    private void api(Request request, Response response, Callback callback, String path) throws IOException {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null || !auth.startsWith("Bearer ") || !token.matches(auth.substring(7).strip())) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"haven\"");
            error(response, callback, 401, "missing or wrong token: send 'Authorization: Bearer <token>' with the"
                    + " token from the data directory's " + AdminToken.FILE);
            return;
        }
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> params = r.match(path);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (r.method().equals(request.getMethod())) {
                call(r, params, request, response, callback);
                return;
            }
        }
        if (pathKnown) {
            error(response, callback, 405, request.getMethod() + " is not allowed on " + path);
        } else {
            error(response, callback, 404, "no such API path: " + path);
        }
    }

    private void call(Route r, Map<String, String> params, Request request, Response response, Callback callback)
            throws IOException {
        Object result;
        try {
            Object body = r.body() == null ? null : parse(request, r.body());
            result = r.action().run(new Route.Call(params, body));
        } catch (ApiException e) {
            error(response, callback, e.status(), e.getMessage());
            return;
        } catch (NoSuchElementException | dev.haven.volume.NoSuchSnapshotException e) {
            error(response, callback, 404, e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            error(response, callback, 400, e.getMessage());
            return;
        } catch (IllegalStateException | java.nio.file.FileAlreadyExistsException
                | dev.haven.volume.VolumeStateException e) {
            error(response, callback, 409, e.getMessage());
            return;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "admin API: {0} {1} failed: {2}", r.method(), r.template(), e.getMessage());
            error(response, callback, 500, e.getMessage());
            return;
        } catch (Exception e) {
            throw new IOException(e);
        }
        if (result == null) {
            send(response, callback, 204, null, new byte[0]);
        } else {
            send(response, callback, r.method().equals("POST") ? 201 : 200, "application/json", bytes(result));
        }
    }

    private Object parse(Request request, Class<?> type) throws IOException {
        long length = request.getLength();
        if (length > MAX_BODY) {
            throw new ApiException(413, "request body larger than " + MAX_BODY + " bytes");
        }
        String text = Content.Source.asString(request, StandardCharsets.UTF_8);
        if (text.length() > MAX_BODY) {
            throw new ApiException(413, "request body larger than " + MAX_BODY + " bytes");
        }
        try {
            return json.readValue(text.isBlank() ? "{}" : text, type);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        }
    }

    private byte[] bytes(Object document) throws JsonProcessingException {
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    }

    private void error(Response response, Callback callback, int status, String message) {
        try {
            send(response, callback, status, "application/json", bytes(new ApiError(status, message)));
        } catch (JsonProcessingException e) {
            send(response, callback, 500, "text/plain", "internal error".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        if (type != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
