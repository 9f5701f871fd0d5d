package jp.madoguchi.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands between meeting-service and the TeleOffice meeting manager (today the simulator inside meeting-service,
 * later its own process: only {@link #upstream} changes) and can make the manager fail: while failing, every call
 * answers 503, as a provider that is down behind its load balancer does.
 */
final class TeleOfficeFault implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive");
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile String upstream;
    private volatile boolean failing;
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger passed = new AtomicInteger();

    TeleOfficeFault() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(threads);
        server.start();
    }

    /** The address meeting-service is given as the provider's base URL. */
    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Where the real (simulated) manager answers, e.g. {@code http://localhost:8083/teleoffice-sim}. */
    void upstream(String baseUrl) {
        this.upstream = baseUrl;
    }

    void failing(boolean on) {
        this.failing = on;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (failing || upstream == null) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(10))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                // the manager itself is away (meeting-service restarting, with the simulator inside it)
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            passed.incrementAndGet();
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
