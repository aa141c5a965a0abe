import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Serves Apicurio Registry's Confluent-compatible API at the root of a URL, as Confluent's Schema
 * Registry does: {@code GET /subjects} is forwarded to {@code <upstream>/apis/ccompat/v7/subjects}.
 * Apicurio's own paths ({@code /apis/...}, {@code /health/...}, {@code /metrics}, {@code /q/...})
 * are forwarded unchanged, so {@code /apis/registry/v3} and {@code /apis/ccompat/v7} keep working.
 *
 * <p>Run with the JDK's source launcher (no build step), on any Java 11+ runtime that has the
 * jdk.compiler, jdk.httpserver and java.net.http modules (Debian's and Red Hat's headless JREs do):
 * {@code java RegistryRootProxy.java <port>[,<port>...] <upstream base URL> [<compat path>]}.
 */
public final class RegistryRootProxy {
    /** First path segments that belong to Apicurio itself and are forwarded as they are. */
    private static final Set<String> OWN_SEGMENTS = Set.of("apis", "health", "metrics", "q");
    /** Hop-by-hop headers and those java.net.http sets itself. */
    private static final Set<String> SKIPPED_REQUEST_HEADERS =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "keep-alive", "te", "trailer", "transfer-encoding", "proxy-connection", "http2-settings");
    private static final Set<String> SKIPPED_RESPONSE_HEADERS =
            Set.of("connection", "content-length", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", ":status");

    private final String upstream;
    private final String compatPath;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private RegistryRootProxy(String upstream, String compatPath) {
        this.upstream = upstream.replaceAll("/+$", "");
        this.compatPath = compatPath;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java RegistryRootProxy.java <port>[,<port>...] <upstream base URL> [<compat path>]");
            System.exit(64);
        }
        RegistryRootProxy proxy = new RegistryRootProxy(args[1], args.length > 2 ? args[2] : "/apis/ccompat/v7");
        for (String port : args[0].split(",")) {
            HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(port.trim())), 64);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", proxy::handle);
            server.start();
            System.out.println("registry-root-proxy: listening on :" + port.trim() + ", Confluent API at / -> " + proxy.upstream + proxy.compatPath);
        }
    }

    /** The upstream path for a request path: Apicurio's own paths unchanged, the rest under the compat path. */
    String targetPath(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String first = path.substring(1).split("/", 2)[0];
        if (OWN_SEGMENTS.contains(first)) return path;
        return path.equals("/") ? compatPath : compatPath + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            // Confluent's registry answers GET / with an empty object; clients use it as a ping.
            if (path.equals("/") && (method.equals("GET") || method.equals("HEAD"))) {
                send(exchange, 200, Map.of("Content-Type", List.of("application/json")), "{}".getBytes(StandardCharsets.UTF_8), method);
                return;
            }
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + targetPath(path) + query))
                    .timeout(Duration.ofSeconds(60))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (SKIPPED_REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) return;
                for (String value : values) request.header(name, value);
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException | IllegalArgumentException error) {
                String message = "{\"error_code\":50201,\"message\":\"Apicurio Registry at " + upstream + " did not answer: "
                        + String.valueOf(error.getMessage()).replace("\\", "\\\\").replace("\"", "'") + "\"}";
                send(exchange, 502, Map.of("Content-Type", List.of("application/json")), message.getBytes(StandardCharsets.UTF_8), method);
                return;
            }
            var headers = new java.util.HashMap<String, List<String>>();
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (SKIPPED_RESPONSE_HEADERS.contains(lower)) return;
                // Redirects name the upstream's address; make them relative to this proxy.
                headers.put(name, lower.equals("location") ? values.stream().map(v -> v.startsWith(upstream) ? v.substring(upstream.length()) : v).toList() : values);
            });
            send(exchange, response.statusCode(), headers, response.body(), method);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body, String method) throws IOException {
        headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        boolean noBody = body.length == 0 || method.equals("HEAD") || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
