package io.fjord.cli.doctor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Plain HTTP/1.0 and TCP exchanges with short timeouts: the doctor asks loopback ports and the Docker socket
 * whether something answers, and must give a verdict even when nothing does. HTTP/1.0 makes the server send
 * the body unchunked and close the connection, so the reply is simply everything read.
 */
final class RawHttp {
    static final int TIMEOUT_MS = 3000;
    private static final int MAX_REPLY = 256 * 1024;

    record Reply(int status, String body) {
    }

    private RawHttp() {
    }

    static byte[] get(String path, String host) {
        return ("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: fjord-doctor\r\nAccept: */*\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Status and body of a raw reply; empty when it is not HTTP. */
    static Optional<Reply> parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] statusLine = head.lines().findFirst().orElse("").split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            return Optional.empty();
        }
        return Optional.of(new Reply(Integer.parseInt(statusLine[1]), end < 0 ? "" : text.substring(end + 4)));
    }

    /** An HTTP GET to a loopback port. */
    static Optional<Reply> tcpGet(int port, String path, String host) throws IOException {
        return parse(tcp(port, get(path, host), true));
    }

    /**
     * Connects to 127.0.0.1:port, sends the bytes (if any) and reads the answer: all of it when untilClosed,
     * else the first chunk (a greeting or a one-line reply of a server that keeps the connection open).
     */
    static byte[] tcp(int port, byte[] send, boolean untilClosed) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            if (send.length > 0) {
                socket.getOutputStream().write(send);
                socket.getOutputStream().flush();
            }
            InputStream in = socket.getInputStream();
            if (!untilClosed) {
                byte[] buffer = new byte[4096];
                int n = in.read(buffer);
                return n <= 0 ? new byte[0] : Arrays.copyOf(buffer, n);
            }
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (reply.size() < MAX_REPLY && (n = in.read(buffer)) > 0) {
                reply.write(buffer, 0, n);
            }
            return reply.toByteArray();
        }
    }

    /** An HTTP GET over a unix socket (the Docker engine's), with the same timeout. */
    static Optional<Reply> unixGet(Path socket, String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer request = ByteBuffer.wrap(get(path, "docker"));
            while (request.hasRemaining()) {
                channel.write(request);
            }
            // Unix socket channels have no read timeout: wait with a selector instead, so a hung engine
            // gives a verdict rather than a hung doctor.
            channel.configureBlocking(false);
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_READ);
                long deadline = System.currentTimeMillis() + TIMEOUT_MS;
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                while (reply.size() < MAX_REPLY) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new SocketTimeoutException("no answer within " + TIMEOUT_MS + " ms");
                    }
                    if (selector.select(left) == 0) {
                        continue;
                    }
                    selector.selectedKeys().clear();
                    int n = channel.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    reply.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
            }
            return parse(reply.toByteArray());
        }
    }
}
