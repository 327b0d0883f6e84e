package io.windrow.jobs.serve;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Carries {@link PredictService} over HTTP/1.1 on Jetty 12's core API (no servlets): reads the
 * body (refusing one over the size limit with 413), hands method, path and query to the service
 * and writes its JSON answer. Requests run on a bounded pool of threads.
 */
final class PredictServer implements AutoCloseable {
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    /** Jetty's own threads besides the request workers: the acceptor and the selector. */
    private static final int JETTY_THREADS = 4;

    private final Server server;
    private final ServerConnector connector;

    private PredictServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts serving on {@code host:port} (port 0 = any free port; {@link #port()} tells which). */
    static PredictServer start(PredictService service, String host, int port, int threads, long maxBodyBytes)
            throws Exception {
        requireNonNull(service, "service");
        QueuedThreadPool pool = new QueuedThreadPool(threads + JETTY_THREADS, Math.min(threads + JETTY_THREADS, 4));
        pool.setName("windrow-serve");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                PredictService.Reply reply;
                byte[] body = null;
                try {
                    body = readBody(request, maxBodyBytes);
                } catch (IOException e) {
                    reply = PredictService.error(400, "cannot read the request body: " + e.getMessage());
                    return write(response, reply, callback);
                }
                if (body == null) {
                    reply = PredictService.error(413, "the request body exceeds serve.max-body-bytes = " + maxBodyBytes);
                } else {
                    reply = service.handle(request.getMethod(), Request.getPathInContext(request),
                            query(request.getHttpURI().getQuery()), body);
                }
                return write(response, reply, callback);
            }
        });
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return new PredictServer(server, connector);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Waits until the server stops. */
    void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static boolean write(Response response, PredictService.Reply reply, Callback callback) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON_TYPE);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
        return true;
    }

    /** The body, or null when it is longer than {@code limit}. */
    private static byte[] readBody(Request request, long limit) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            return bytes.length > limit ? null : bytes;
        }
    }

    static Map<String, String> query(String query) {
        Map<String, String> out = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }
}
