package io.fjord.proxy.acme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.jboss.logging.Logger;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.AcmeProvider;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import io.fjord.proxy.nginx.EdgeSettings;
import io.fjord.proxy.tls.Pem;

/**
 * Orders a certificate for one domain from an ACME CA (Let's Encrypt) with acme4j, proving control of
 * the domain by HTTP-01: the token goes into the tree's challenge directory, which every HTTP server of
 * an app serves at {@code /.well-known/acme-challenge/}, so the CA reads it through the edge. The domain
 * must already be routed to an app and its DNS must point at this host.
 */
@ApplicationScoped
public class AcmeIssuer {
    private static final Logger LOG = Logger.getLogger(AcmeIssuer.class);
    /** Tokens are base64url (RFC 8555 section 8.1); anything else never becomes a file name. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private final AcmeConfig config;
    private final EdgeSettings settings;

    AcmeIssuer(AcmeConfig config, EdgeSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    /**
     * A new certificate and key for {@code domain}.
     *
     * @throws AcmeFailure with what the CA said
     */
    public Pem issue(String domain) {
        List<Path> tokens = new ArrayList<>();
        try {
            Session session = new Session(config.directory(), provider());
            AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey());
            config.email().ifPresent(builder::addEmail);
            Account account = builder.create(session);
            Order order = account.newOrder().domain(domain).create();
            for (Authorization authorization : order.getAuthorizations()) {
                if (authorization.getStatus() == Status.VALID) {
                    continue;
                }
                Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
                        .orElseThrow(() -> new AcmeFailure("the certificate authority offers no HTTP-01 challenge for " + domain));
                tokens.add(writeToken(challenge.getToken(), challenge.getAuthorization()));
                challenge.trigger();
                if (authorization.waitForCompletion(config.timeout()) != Status.VALID) {
                    throw new AcmeFailure("the certificate authority could not validate " + domain + " over HTTP: "
                            + problem(challenge.getError()));
                }
            }
            order.waitUntilReady(config.timeout());
            KeyPair key = newKey();
            order.execute(key);
            if (order.waitForCompletion(config.timeout()) != Status.VALID) {
                throw new AcmeFailure("the certificate authority did not issue a certificate for " + domain + ": "
                        + problem(order.getError()));
            }
            StringBuilder chain = new StringBuilder();
            for (X509Certificate certificate : order.getCertificate().getCertificateChain()) {
                chain.append(Pem.block("CERTIFICATE", certificate.getEncoded()));
            }
            LOG.infof("certificate for %s issued by %s", domain, config.directory());
            return new Pem(chain.toString(), Pem.block("PRIVATE KEY", key.getPrivate().getEncoded()));
        } catch (AcmeException e) {
            throw new AcmeFailure("ordering a certificate for " + domain + " from " + config.directory() + " failed: "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new AcmeFailure("the key or the certificate for " + domain + " could not be made: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmeFailure("interrupted while ordering a certificate for " + domain, e);
        } finally {
            tokens.forEach(AcmeIssuer::deleteQuietly);
        }
    }

    /** The file the CA fetches: the token's name, its key authorization as content, readable by nginx's workers. */
    private Path writeToken(String token, String keyAuthorization) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new AcmeFailure("the certificate authority sent a challenge token that is not base64url");
        }
        try {
            Files.createDirectories(settings.challengeDir());
            Path file = settings.challengeDir().resolve(token);
            Files.writeString(file, keyAuthorization);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The account's key pair: read, or made and stored root-only on the first order. */
    private KeyPair accountKey() {
        Path file = config.accountKey();
        try {
            if (Files.exists(file)) {
                return readKey(file);
            }
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            KeyPair key = newKey();
            // The JDK creates temp files with mode 0600.
            Path temp = Files.createTempFile(dir, ".account", ".tmp");
            Files.writeString(temp, Pem.block("PRIVATE KEY", key.getPrivate().getEncoded())
                    + Pem.block("PUBLIC KEY", key.getPublic().getEncoded()));
            Files.move(temp, file);
            LOG.infof("ACME account key created in %s", file);
            return key;
        } catch (IOException | GeneralSecurityException e) {
            throw new AcmeFailure("the ACME account key " + file + " cannot be read or written", e);
        }
    }

    /** An ECDSA P-256 key, made by the JDK (acme4j's own helper needs BouncyCastle as a registered provider). */
    private static KeyPair newKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyPair readKey(Path file) throws IOException {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    privateKey = converter.getPrivateKey(info);
                } else if (object instanceof SubjectPublicKeyInfo info) {
                    publicKey = converter.getPublicKey(info);
                }
            }
        }
        if (privateKey == null || publicKey == null) {
            throw new IOException("it does not hold a private and a public key");
        }
        return new KeyPair(publicKey, privateKey);
    }

    /** acme4j's generic provider, trusting the configured CA certificate for the directory's HTTPS. */
    private AcmeProvider provider() {
        Optional<SSLContext> trust = config.trustCertificate().map(AcmeIssuer::trusting);
        return new GenericAcmeProvider() {
            @Override
            protected HttpConnector createHttpConnector(NetworkSettings networkSettings) {
                return new HttpConnector(networkSettings) {
                    @Override
                    public HttpClient.Builder createClientBuilder() {
                        HttpClient.Builder client = super.createClientBuilder();
                        trust.ifPresent(client::sslContext);
                        return client;
                    }
                };
            }
        };
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new AcmeFailure("the CA certificate to trust (" + pem + ") cannot be read: " + e.getMessage(), e);
        }
    }

    private static String problem(Optional<Problem> problem) {
        return problem.map(p -> p.getDetail().orElse(p.getType().toString())).orElse("no reason given");
    }

    private static void deleteQuietly(Path token) {
        try {
            Files.deleteIfExists(token);
        } catch (IOException e) {
            LOG.debugf("challenge token %s could not be removed", token.getFileName());
        }
    }

    /** An order that did not give a certificate; the message says why (never a key). */
    public static class AcmeFailure extends RuntimeException {

        AcmeFailure(String message) {
            super(message);
        }

        AcmeFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
