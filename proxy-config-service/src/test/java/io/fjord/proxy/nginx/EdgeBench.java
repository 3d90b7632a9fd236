package io.fjord.proxy.nginx;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.management.UnixOperatingSystemMXBean;

import io.fjord.proxy.nginx.ConfigInstaller.FileChange;
import io.fjord.proxy.nginx.Sites.PlatformServices;
import io.fjord.proxy.route.AppRoute;
import io.fjord.proxy.route.Upstream;

/**
 * The edge's own code driven outside the service, for {@code k8s-free-deploy/bench/edge-bench.sh}: a
 * private nginx tree on its own loopback ports, rendered and applied by the same renderer, tree and
 * installer the applier uses (candidate copy of the whole tree, {@code nginx -t}, atomic swap, reload).
 * Only the database write and the batch window of a real change are left out.
 * <p>
 * {@code serve DIR PORT HOST:PORT} starts the tree with two apps in front of one upstream, with and
 * without upstream keepalive; {@code apply DIR PORT ROUNDS N...} times one app's change with N apps routed;
 * {@code stop DIR PORT} stops its nginx.
 */
public final class EdgeBench {
    static final String DOMAIN = "bench.localhost";
    private static final String WITH_KEEPALIVE = "keepalive";
    private static final String WITHOUT_KEEPALIVE = "nokeepalive";

    private final EdgeSettings settings;
    private final NginxRenderer renderer;
    private final Sites sites;
    private final ConfigTree tree;
    private final NginxProcess nginx;
    private final ConfigInstaller installer;

    private EdgeBench(Path dir, int port) {
        settings = new EdgeSettings("127.0.0.1:" + port, "127.0.0.1:" + (port + 1), dir, dir.resolve("logs/error.log"),
                dir.resolve("logs/access.log"), fileLimit());
        renderer = new NginxRenderer(settings);
        Upstream nowhere = new Upstream("127.0.0.1", 9);
        sites = new Sites(DOMAIN, "10m", new PlatformServices(nowhere, nowhere, nowhere, nowhere), null);
        tree = new ConfigTree(settings);
        nginx = new NginxProcess(new BenchConfig(), settings);
        installer = new ConfigInstaller(tree, nginx);
    }

    public static void main(String[] args) {
        EdgeBench bench = new EdgeBench(Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[2]));
        switch (args[0]) {
            case "serve" -> bench.serve(Upstream.parse(args[3]));
            case "apply" -> bench.apply(Integer.parseInt(args[3]),
                    List.of(args).subList(4, args.length).stream().map(Integer::parseInt).toList());
            case "stop" -> bench.nginx.quit();
            default -> throw new IllegalArgumentException("serve, apply or stop, not " + args[0]);
        }
    }

    /** The two apps in front of the upstream, and {@code count} more, as one whole tree: nginx starts or reloads. */
    private void install(Upstream upstream, int count) {
        tree.prepare();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(ConfigTree.mainFile(), renderer.mainConfig());
        files.put(ConfigTree.platformFile(Sites.API), renderer.site(sites.platformApi()));
        files.put(ConfigTree.appFile(WITH_KEEPALIVE), renderer.site(sites.app(route(WITH_KEEPALIVE, upstream))));
        // The same app rendered by the same code, minus the upstream's keepalive: every request a new connection.
        files.put(ConfigTree.appFile(WITHOUT_KEEPALIVE),
                renderer.site(sites.app(route(WITHOUT_KEEPALIVE, upstream))).replace("    keepalive 64;\n", ""));
        for (int i = 0; i < count; i++) {
            // Two containers each and a domain, as a routed app has; nginx never connects to them.
            String app = filler(i);
            AppRoute route = AppRoute.empty(app)
                    .withUpstreams(1, List.of(new Upstream("10.99." + (i / 250) + "." + (i % 250 + 1), 5000),
                            new Upstream("10.98." + (i / 250) + "." + (i % 250 + 1), 5000)))
                    .withDomains(List.of("www." + app + ".example"));
            files.put(ConfigTree.appFile(app), renderer.site(sites.app(route)));
        }
        Optional<String> refused = installer.replaceAll(files, List.of());
        if (refused.isPresent()) {
            throw new IllegalStateException("nginx refused the bench tree: " + refused.get());
        }
    }

    private void serve(Upstream upstream) {
        install(upstream, 0);
        System.out.printf("edge on %s: %s.%s with upstream keepalive, %s.%s without%n", settings.listen(),
                WITH_KEEPALIVE, DOMAIN, WITHOUT_KEEPALIVE, DOMAIN);
    }

    /**
     * For each count of routed apps: the median and slowest of {@code rounds} changes of one app's upstream,
     * each a new file; next to nginx -t alone, a reload of the unchanged tree (until the old workers stop
     * accepting, as the applier waits), and the bare {@code nginx -s reload} command (it returns once the
     * signal is sent).
     */
    private void apply(int rounds, List<Integer> counts) {
        Upstream upstream = new Upstream("127.0.0.1", 9);
        System.out.printf("%-12s %26s %22s %26s %26s%n", "apps routed", "apply one change (ms)", "nginx -t alone (ms)",
                "reload + wait (ms)", "nginx -s reload (ms)");
        for (int count : counts) {
            install(upstream, count);
            String app = filler(0);
            List<Double> apply = new ArrayList<>();
            List<Double> test = new ArrayList<>();
            List<Double> reload = new ArrayList<>();
            List<Double> signal = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                AppRoute changed = AppRoute.empty(app).withUpstreams(round + 2,
                        List.of(new Upstream("10.97.0." + (round % 250 + 1), 5000 + round)));
                long start = System.nanoTime();
                Optional<String> refused = installer.install(List.of(
                        FileChange.write(ConfigTree.appFile(app), renderer.site(sites.app(changed)))));
                double applied = millis(start);
                if (refused.isPresent()) {
                    throw new IllegalStateException("nginx refused a change: " + refused.get());
                }
                start = System.nanoTime();
                if (!nginx.test(settings.mainConfig(), settings.dir()).passed()) {
                    throw new IllegalStateException("nginx -t failed on the live bench tree");
                }
                double tested = millis(start);
                start = System.nanoTime();
                nginx.startOrReload();
                double reloaded = millis(start);
                start = System.nanoTime();
                signalReload();
                double signalled = millis(start);
                // The first round warms the caches and the JIT; it is not counted.
                if (round > 0) {
                    apply.add(applied);
                    test.add(tested);
                    reload.add(reloaded);
                    signal.add(signalled);
                }
                settle(reloaded);
            }
            System.out.printf("%-12d %26s %22s %26s %26s%n", count, summary(apply), summary(test), summary(reload),
                    summary(signal));
        }
    }

    /** What an operator types: {@code nginx -s reload}; it returns once the master has the signal. */
    private void signalReload() {
        try {
            Process process = new ProcessBuilder("nginx", "-c", settings.mainConfig().toString(), "-s", "reload")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null"))).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("nginx -s reload failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Lets the reload the bare signal started finish, so the next round starts from a settled nginx. */
    private static void settle(double reloadMillis) {
        try {
            Thread.sleep((long) Math.max(300, 3 * reloadMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AppRoute route(String app, Upstream upstream) {
        return AppRoute.empty(app).withUpstreams(1, List.of(upstream));
    }

    private static String filler(int i) {
        return "app" + i;
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static String summary(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return String.format("median %6.1f, max %6.1f", sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
    }

    private static int fileLimit() {
        long own = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : 65536;
        return (int) Math.min(65536, own);
    }

    /** The settings the service reads from its configuration, for this private tree. */
    private static final class BenchConfig implements NginxConfig {
        @Override
        public Path dir() {
            throw new UnsupportedOperationException("the bench passes its settings");
        }

        @Override
        public String binary() {
            return "nginx";
        }

        @Override
        public String listen() {
            throw new UnsupportedOperationException("the bench passes its settings");
        }

        @Override
        public String listenTls() {
            throw new UnsupportedOperationException("the bench passes its settings");
        }

        @Override
        public String domain() {
            return DOMAIN;
        }

        @Override
        public Path errorLog() {
            throw new UnsupportedOperationException("the bench passes its settings");
        }

        @Override
        public Path accessLog() {
            throw new UnsupportedOperationException("the bench passes its settings");
        }

        @Override
        public String appMaxBodySize() {
            return "10m";
        }

        @Override
        public Duration batchWindow() {
            return Duration.ZERO;
        }

        @Override
        public Duration reloadTimeout() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Services services() {
            throw new UnsupportedOperationException("the bench routes no platform services");
        }
    }
}
