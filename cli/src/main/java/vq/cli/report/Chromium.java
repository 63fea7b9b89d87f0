package vq.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol (CDP, a WebSocket on
 * {@code --remote-debugging-port}; java.net.http, no extra library). Used by {@code vq report --png}
 * to export each chart exactly as the page draws it, and by tests to load a report and check it.
 *
 * <p>Started with {@code --headless --no-sandbox --disable-gpu --disable-background-networking
 * --disable-component-update --disable-sync --no-first-run} and a fresh, deleted-on-close
 * {@code --user-data-dir}. The binary is {@code $VQ_CHROMIUM}, else the first of chromium,
 * chromium-browser, google-chrome, google-chrome-stable on PATH (Debian: {@code apt-get install chromium}).
 */
public final class Chromium implements AutoCloseable {
    private static final ObjectMapper M = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket ws;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Waiter> waiters = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderrTail = Collections.synchronizedList(new ArrayList<>());

    private record Waiter(Predicate<JsonNode> test, CompletableFuture<JsonNode> future) {}

    private Chromium(Process process, Path profile, WebSocket ws) {
        this.process = process;
        this.profile = profile;
        this.ws = ws;
    }

    /** The Chromium binary to use, if one is installed. */
    public static Optional<Path> find() {
        String env = System.getenv("VQ_CHROMIUM");
        if (env != null && !env.isBlank()) return Optional.of(Path.of(env));
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Starts {@code binary} headless and connects to it; fails after {@code timeout}. */
    public static Chromium launch(Path binary, Duration timeout) throws IOException {
        Path profile = Files.createTempDirectory("vq-chromium-");
        List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            deleteTree(profile);
            throw new IOException(binary + ": cannot start Chromium: " + e.getMessage(), e);
        }
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        List<String> tail = Collections.synchronizedList(new ArrayList<>());
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    int i = line.indexOf("ws://");
                    if (line.startsWith("DevTools listening on") && i >= 0) endpoint.complete(line.substring(i).trim());
                    if (tail.size() > 50) tail.removeFirst();
                    tail.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
            endpoint.completeExceptionally(new IOException("Chromium exited before it listened: " + String.join("\n", tail)));
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        String url;
        try {
            url = endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            deleteTree(profile);
            throw new IOException(binary + ": Chromium did not open its DevTools port within " + timeout.toSeconds() + " s: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e), e);
        }
        Holder h = new Holder();
        WebSocket ws;
        try {
            ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(URI.create(url), h).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            deleteTree(profile);
            throw new IOException("cannot connect to Chromium at " + url + ": " + e, e);
        }
        Chromium c = new Chromium(p, profile, ws);
        h.owner = c;
        c.stderrTail.addAll(tail);
        return c;
    }

    /** Receives CDP messages (possibly fragmented) and routes replies and events. */
    private static final class Holder implements WebSocket.Listener {
        volatile Chromium owner;
        private final StringBuilder buf = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                String msg = buf.toString();
                buf.setLength(0);
                Chromium c = owner;
                if (c != null) c.dispatch(msg);
            }
            webSocket.request(1);
            return null;
        }
    }

    private void dispatch(String msg) {
        JsonNode n;
        try {
            n = M.readTree(msg);
        } catch (IOException e) {
            return;
        }
        if (n.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(n.get("id").asLong());
            if (f == null) return;
            if (n.has("error")) f.completeExceptionally(new IOException("CDP error: " + n.get("error")));
            else f.complete(n.path("result"));
            return;
        }
        events.add(n);
        synchronized (waiters) {
            waiters.removeIf(w -> {
                if (w.test.test(n)) {
                    w.future.complete(n);
                    return true;
                }
                return false;
            });
        }
    }

    /** Sends a CDP command (to the browser when {@code sessionId} is null) and waits for its result. */
    JsonNode call(String sessionId, String method, ObjectNode params) throws IOException {
        long id = ids.incrementAndGet();
        ObjectNode msg = M.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", params == null ? M.createObjectNode() : params);
        if (sessionId != null) msg.put("sessionId", sessionId);
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ws.sendText(msg.toString(), true).join();
        try {
            return f.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + method, e);
        } catch (ExecutionException e) {
            throw new IOException(method + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException(method + ": no answer from Chromium within " + CALL_TIMEOUT.toSeconds() + " s", e);
        }
    }

    static ObjectNode params(Object... kv) {
        ObjectNode o = M.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) o.set((String) kv[i], M.valueToTree(kv[i + 1]));
        return o;
    }

    /**
     * Opens {@code url} in a new tab of {@code width}×{@code height} CSS pixels and waits for its load
     * event. Console errors, uncaught exceptions, error log entries and every network request are recorded.
     */
    public Page open(URI url, int width, int height, Duration timeout) throws IOException {
        String target = call(null, "Target.createTarget", params("url", "about:blank")).get("targetId").asText();
        String session = call(null, "Target.attachToTarget", params("targetId", target, "flatten", true)).get("sessionId").asText();
        Page page = new Page(this, target, session);
        for (String d : List.of("Runtime.enable", "Log.enable", "Page.enable", "Network.enable")) call(session, d, null);
        call(session, "Emulation.setDeviceMetricsOverride", params("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        waiters.add(new Waiter(n -> session.equals(n.path("sessionId").asText()) && "Page.loadEventFired".equals(n.path("method").asText()), loaded));
        JsonNode nav = call(session, "Page.navigate", params("url", url.toString()));
        if (nav.hasNonNull("errorText")) throw new IOException(url + ": " + nav.get("errorText").asText());
        try {
            loaded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IOException(url + ": page did not finish loading within " + timeout.toSeconds() + " s", e);
        }
        return page;
    }

    /** One tab, attached through a flat CDP session. */
    public static final class Page {
        private final Chromium c;
        private final String target;
        private final String session;

        Page(Chromium c, String target, String session) {
            this.c = c;
            this.target = target;
            this.session = session;
        }

        /** Evaluates a JavaScript expression (awaiting promises) and returns its JSON value. */
        public JsonNode eval(String expression) throws IOException {
            JsonNode r = c.call(session, "Runtime.evaluate", params("expression", expression, "returnByValue", true, "awaitPromise", true));
            if (r.has("exceptionDetails")) {
                JsonNode d = r.get("exceptionDetails");
                throw new IOException("JavaScript error: " + d.path("exception").path("description").asText(d.path("text").asText()));
            }
            return r.path("result").path("value");
        }

        /**
         * Errors seen so far: uncaught exceptions, console.error/assert calls and error-level log
         * entries (failed resource loads among them), each as one line.
         */
        public List<String> errors() {
            List<String> out = new ArrayList<>();
            synchronized (c.events) {
                for (JsonNode e : c.events) {
                    if (!session.equals(e.path("sessionId").asText())) continue;
                    String m = e.path("method").asText();
                    JsonNode p = e.path("params");
                    switch (m) {
                        case "Runtime.exceptionThrown" -> out.add("exception: " + p.path("exceptionDetails").path("exception")
                                .path("description").asText(p.path("exceptionDetails").path("text").asText()));
                        case "Runtime.consoleAPICalled" -> {
                            String type = p.path("type").asText();
                            if (type.equals("error") || type.equals("assert")) {
                                StringBuilder sb = new StringBuilder("console." + type + ":");
                                for (JsonNode a : p.path("args")) sb.append(' ').append(a.path("value").asText(a.path("description").asText()));
                                out.add(sb.toString());
                            }
                        }
                        case "Log.entryAdded" -> {
                            JsonNode en = p.path("entry");
                            if ("error".equals(en.path("level").asText())) {
                                out.add("log: " + en.path("text").asText() + " " + en.path("url").asText(""));
                            }
                        }
                        default -> { }
                    }
                }
            }
            return out;
        }

        /** URLs the page requested (the document itself included). */
        public List<String> requests() {
            List<String> out = new ArrayList<>();
            synchronized (c.events) {
                for (JsonNode e : c.events) {
                    if (session.equals(e.path("sessionId").asText()) && "Network.requestWillBeSent".equals(e.path("method").asText())) {
                        out.add(e.path("params").path("request").path("url").asText());
                    }
                }
            }
            return out;
        }

        /** A PNG of the whole page (beyond the viewport), at 1 device pixel per CSS pixel. */
        public byte[] screenshot() throws IOException {
            JsonNode m = c.call(session, "Page.getLayoutMetrics", null);
            JsonNode size = m.has("cssContentSize") ? m.get("cssContentSize") : m.get("contentSize");
            ObjectNode clip = params("x", 0, "y", 0, "width", size.get("width").asDouble(), "height", size.get("height").asDouble(), "scale", 1);
            JsonNode r = c.call(session, "Page.captureScreenshot", params("format", "png", "captureBeyondViewport", true, "clip", clip));
            return Base64.getDecoder().decode(r.get("data").asText());
        }

        /** Closes the tab. */
        public void close() throws IOException {
            c.call(null, "Target.closeTarget", params("targetId", target));
        }
    }

    /** Closes the browser, waits for it to exit and deletes its profile directory. */
    @Override
    public void close() {
        try {
            call(null, "Browser.close", null);
        } catch (IOException | RuntimeException ignored) {
            // fall through to destroy
        }
        try {
            ws.abort();
        } catch (RuntimeException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file Chromium still held; the temp dir is cleaned by the OS eventually
                }
            });
        } catch (IOException ignored) {
            // nothing to delete
        }
    }
}
