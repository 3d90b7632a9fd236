package io.fjord.proxy.nginx;

import java.nio.file.Path;

/**
 * Where the edge lives and listens: what the main nginx.conf is rendered from and where the process
 * and the files are found.
 *
 * @param listen where plain HTTP is served
 * @param listenTls where HTTPS is served, for the names that have a certificate
 * @param dir the live config tree (absolute)
 * @param fileLimit the open files a worker may have; nginx can raise its limit only this far
 */
public record EdgeSettings(String listen, String listenTls, Path dir, Path errorLog, Path accessLog, int fileLimit) {

    public Path mainConfig() {
        return dir.resolve("nginx.conf");
    }

    public Path pidFile() {
        return dir.resolve("nginx.pid");
    }

    /** The tokens of ACME HTTP-01 challenges, which nginx serves to the certificate authority. */
    public Path challengeDir() {
        return dir.resolve("acme-challenge");
    }
}
