package io.fjord.proxy.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS client on loopback that asks for a server name (SNI), trusts only the certificates it is given,
 * and checks the served certificate names that server name, as a browser would.
 */
final class TlsClient {
    private final int port;
    private final SSLContext context;

    /** What the edge served. */
    record Handshake(List<X509Certificate> chain, String protocol) {

        X509Certificate certificate() {
            return chain.get(0);
        }
    }

    TlsClient(int port, X509Certificate... trusted) throws GeneralSecurityException, IOException {
        this.port = port;
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            store.setCertificateEntry("trusted-" + i, trusted[i]);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
    }

    /** A handshake for {@code serverName}, offering these ALPN protocols ({@code h2}, {@code http/1.1}). */
    Handshake handshake(String serverName, String... protocols) throws IOException {
        try (SSLSocket socket = open(serverName, protocols)) {
            socket.startHandshake();
            return new Handshake(List.of((X509Certificate[]) socket.getSession().getPeerCertificates()),
                    socket.getApplicationProtocol());
        }
    }

    /** An HTTP/1.1 GET over TLS: the status line, a blank line, the body. */
    String get(String serverName, String path) throws IOException {
        try (SSLSocket socket = open(serverName, "http/1.1")) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + serverName + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            return response.substring(0, response.indexOf("\r\n")) + "\n\n" + response.substring(headersEnd + 4);
        }
    }

    private SSLSocket open(String serverName, String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(serverName)));
        // Checks the certificate against the server name asked for, like a browser.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(protocols);
        socket.setSSLParameters(parameters);
        return socket;
    }
}
