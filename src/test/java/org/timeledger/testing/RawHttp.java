package org.timeledger.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: for requests no well-behaved client
 * would send (invalid bytes in the request line, lying Content-Length, bodies over the limit
 * with no Content-Type), which {@link Api} and {@code java.net.http} refuse to build.
 * {@link #send} reads one answer; {@link #exchange} sends requests back to back on one
 * connection (pipelined) and returns every answer the server gave before it closed.
 */
public final class RawHttp {
    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** An answer; status -1 when none could be read (the connection was reset or timed out). */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body, String failure) {
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends the head (request line and headers, ending with an empty line) and the body, then reads the answer. */
    public Answer send(byte[] head, byte[] body) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            String writeFailure = null;
            try {
                out.write(head);
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before it read everything: read what it said
                writeFailure = "write failed: " + e;
            }
            byte[] answer;
            try {
                answer = readAll(socket.getInputStream());
            } catch (IOException e) {
                return new Answer(-1, Map.of(), new byte[0], (writeFailure == null ? "" : writeFailure + "; ")
                        + "read failed: " + e);
            }
            return parse(answer, writeFailure);
        } catch (IOException e) {
            return new Answer(-1, Map.of(), new byte[0], "connect failed: " + e);
        }
    }

    /**
     * Writes the bytes (one or more requests back to back) and reads until the server closes the
     * connection: every answer it gave, in order. The last request should ask to close
     * ({@code Connection: close}), or the read waits for the server's idle timeout.
     */
    public List<Answer> exchange(byte[] requests) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(60_000);
            try {
                socket.getOutputStream().write(requests);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the server may answer and close before it read everything: read what it said
            }
            byte[] bytes = readAll(socket.getInputStream());
            List<Answer> answers = new ArrayList<>();
            int at = 0;
            while (at < bytes.length) {
                int end = indexOf(bytes, at, "\r\n\r\n");
                if (end < 0) {
                    break;
                }
                Answer head = parse(java.util.Arrays.copyOfRange(bytes, at, end + 4), null);
                int lastChunk = indexOf(bytes, end + 2, "\r\n0\r\n\r\n");
                int bodyEnd = head.header("content-length").map(n -> end + 4 + Integer.parseInt(n))
                        .orElseGet(() -> !head.headers().getOrDefault("transfer-encoding", List.of()).contains("chunked") ? end + 4
                                : lastChunk < 0 ? bytes.length : lastChunk + 7);
                answers.add(parse(java.util.Arrays.copyOfRange(bytes, at, Math.min(bodyEnd, bytes.length)), null));
                at = bodyEnd;
            }
            return answers;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] bytes, int from, String ascii) {
        byte[] wanted = ascii.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = from; i + wanted.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[16_384];
        int n;
        try {
            while ((n = in.read(chunk)) >= 0) {
                buffer.write(chunk, 0, n);
            }
        } catch (IOException e) {
            if (buffer.size() == 0) {
                throw e;
            }
            // a reset after the whole answer arrived: keep what was read
        }
        return buffer.toByteArray();
    }

    private static Answer parse(byte[] bytes, String writeFailure) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || end < 0) {
            return new Answer(-1, Map.of(), bytes, "no HTTP answer" + (writeFailure == null ? "" : " (" + writeFailure + ")")
                    + ": " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body, null);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, at);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(length, body.length - lineEnd - 2));
            at = lineEnd + 2 + length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
