package io.fjord.proxy.route;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The domains a user routes to an app, checked as DNS host names before anything else sees them: lower
 * case, labels of 1-63 letters, digits and inner hyphens, 253 characters at most, at least two labels,
 * an optional leading {@code *.}, no trailing dot. Anything else (nginx punctuation, quotes, {@code $},
 * spaces, line breaks, unicode) is refused with a message naming the entry, so nothing a user types can
 * reach an nginx file as syntax. Pure.
 */
public final class DomainNames {
    /** Far more than a real app needs, few enough to keep nginx's name tables small. */
    public static final int MAX_PER_APP = 100;
    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9.*-]*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final String platformDomain;

    /** @param platformDomain {@code FJORD_DOMAIN}: its names belong to the platform, not to an app */
    public DomainNames(String platformDomain) {
        this.platformDomain = platformDomain;
    }

    /**
     * An app's whole list, checked, without duplicates and sorted.
     *
     * @throws IllegalArgumentException naming the first entry that is not a domain the app may have
     */
    public List<String> check(List<String> domains) {
        if (domains == null) {
            throw new IllegalArgumentException("\"domains\" is required: a list of domain names, [] for none");
        }
        TreeSet<String> checked = new TreeSet<>();
        for (String domain : domains) {
            checked.add(checkOne(domain));
        }
        if (checked.size() > MAX_PER_APP) {
            throw new IllegalArgumentException("an app has at most " + MAX_PER_APP + " domains, not " + checked.size());
        }
        return List.copyOf(checked);
    }

    /** One domain an app may have: a valid name outside the platform's own domain. */
    private String checkOne(String domain) {
        String name = name(domain);
        String base = name.startsWith("*.") ? name.substring(2) : name;
        if (base.equals(platformDomain) || base.endsWith("." + platformDomain)) {
            throw invalid(domain, "it is the platform's own domain " + platformDomain
                    + " (each app answers at <app>." + platformDomain + " already)");
        }
        return name;
    }

    /**
     * A domain name, optionally a wildcard {@code *.example.com}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String name(String domain) {
        if (domain == null || domain.isEmpty()) {
            throw invalid(domain, "it is empty");
        }
        if (domain.length() > MAX_LENGTH) {
            throw invalid(domain, "it is longer than " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(domain).matches()) {
            boolean upperCase = domain.chars().anyMatch(c -> c >= 'A' && c <= 'Z')
                    && ALLOWED.matcher(domain.toLowerCase(java.util.Locale.ROOT)).matches();
            throw invalid(domain, upperCase ? "write it in lower case"
                    : "only the letters a-z, digits, '-' and '.' (and a leading '*.') are allowed");
        }
        if (domain.endsWith(".")) {
            throw invalid(domain, "it must not end with a dot");
        }
        String base = domain.startsWith("*.") ? domain.substring(2) : domain;
        if (base.contains("*")) {
            throw invalid(domain, "a wildcard is only allowed as the whole first label, as in *.example.com");
        }
        String[] labels = base.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                throw invalid(domain, "it has an empty label");
            }
            if (label.length() > MAX_LABEL) {
                throw invalid(domain, "the label \"" + shown(label) + "\" is longer than " + MAX_LABEL + " characters");
            }
            if (!LABEL.matcher(label).matches()) {
                throw invalid(domain, "the label \"" + shown(label) + "\" starts or ends with '-'");
            }
        }
        if (labels.length < 2) {
            throw invalid(domain, "it needs at least two labels, as in example.com");
        }
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            throw invalid(domain, "its last label is all digits: an IP address is not a domain name");
        }
        return domain;
    }

    /**
     * A value as a message may show it: shortened, control characters and anything outside printable
     * ASCII made visible as escapes, so a message stays one readable line.
     */
    public static String shown(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else if (c > 0x7e) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static IllegalArgumentException invalid(String domain, String reason) {
        return new IllegalArgumentException("\"" + shown(Objects.requireNonNullElse(domain, "")) + "\" is not a domain an app"
                + " can have: " + reason);
    }
}
