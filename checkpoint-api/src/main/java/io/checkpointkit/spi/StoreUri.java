package io.checkpointkit.spi;

import io.checkpointkit.CheckpointStores;
import io.checkpointkit.CheckpointStoreProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A parsed store URI, as given to {@link CheckpointStores#open(String, Map)} and handed to a
 * {@link CheckpointStoreProvider}. Two forms:
 * <ul>
 *   <li>hierarchical: {@code scheme://[user[:password]@]host[:port][,host[:port]…][/path][?options]},
 *       for example {@code postgresql://app:secret@db:5432/checkpoints?poolSize=8} or
 *       {@code redis-cluster://h1:7000,h2:7001?prefix=ckpt};
 *   <li>opaque: {@code scheme:path[?options]}, for example {@code sqlite:./data/checkpoints.db}
 *       or {@code memory:}.
 * </ul>
 * User, password, path and option values are percent-decoded ({@code %3F} is {@code ?});
 * {@code +} stays a plus. Options given in the map passed to {@code open} are added to those of
 * the query string and win over them.
 *
 * <p>The authority ends at the first {@code /}, {@code ?} or {@code #} after {@code //}, as in
 * RFC 3986, and the user info is what stands before its last {@code @} (so a raw {@code @} in a
 * password is read right). A raw {@code /}, {@code ?} or {@code #} in the user or password would
 * cut the authority short and put the rest of the password in the path or the options, so a
 * hierarchical URI with an {@code @} anywhere after its authority is rejected, with a message
 * that masks everything before that {@code @}: percent-encode those characters in the user info
 * ({@code %2F}, {@code %3F}, {@code %23}) and an {@code @} in a path or option value
 * ({@code %40}).
 *
 * <p>{@link #toString()} masks the password and every option whose name contains
 * {@code password}, and no exception message of this class contains either: a value that does
 * not decode is named by where it stands (the password, option {@code x}), never quoted.
 */
public final class StoreUri {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final String MASK = "****";
    /** A user name that {@link #redact} may show: RFC 3986 unreserved and sub-delims, no '%'. */
    private static final Pattern PLAIN_USER = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=-]*");

    private final String scheme;
    private final String user;
    private final String password;
    private final List<Host> hosts;
    private final String path;
    private final boolean hierarchical;
    private final Map<String, String> options;

    /**
     * One host of a hierarchical URI.
     *
     * @param host the host name or address (IPv6 without brackets)
     * @param port the port, or -1 when the URI gives none
     */
    public record Host(String host, int port) {
        /** Returns the port, or {@code defaultPort} when the URI gives none. */
        public int portOr(int defaultPort) {
            return port < 0 ? defaultPort : port;
        }

        @Override
        public String toString() {
            String h = host.indexOf(':') >= 0 ? '[' + host + ']' : host;
            return port < 0 ? h : h + ':' + port;
        }
    }

    private StoreUri(String scheme, String user, String password, List<Host> hosts, String path,
                     boolean hierarchical, Map<String, String> options) {
        this.scheme = scheme;
        this.user = user;
        this.password = password;
        this.hosts = List.copyOf(hosts);
        this.path = path;
        this.hierarchical = hierarchical;
        this.options = Collections.unmodifiableMap(options);
    }

    /**
     * Parses a store URI.
     *
     * @param uri the URI
     * @param extraOptions options to add; they win over the query string's
     * @return the parsed URI
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the URI is malformed; the message masks any password
     */
    public static StoreUri parse(String uri, Map<String, String> extraOptions) {
        Objects.requireNonNull(uri, "uri must not be null");
        Objects.requireNonNull(extraOptions, "options must not be null");
        int colon = uri.indexOf(':');
        if (colon <= 0 || !SCHEME.matcher(uri.substring(0, colon)).matches()) {
            throw malformed(uri, "it must start with a scheme such as sqlite:, postgresql:// or redis://");
        }
        String scheme = uri.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        String rest = uri.substring(colon + 1);
        if (rest.startsWith("//")) {
            int authorityEnd = indexOfAny(rest, "/?#", 2);
            if (authorityEnd >= 0 && rest.indexOf('@', authorityEnd) >= 0) {
                // No '@' in this message: redact() masks up to the last one on a line.
                throw malformed(uri, "the user info ends after the host; percent-encode '/', '?' and '#' in"
                        + " the user and password (%2F, %3F, %23), and an at sign in a path or option value (%40)");
            }
        }
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        rest = q < 0 ? rest : rest.substring(0, q);
        int hash = rest.indexOf('#');
        if (hash >= 0 || query.indexOf('#') >= 0) {
            throw malformed(uri, "it must not contain a fragment ('#'); percent-encode it as %23");
        }
        Map<String, String> options = parseQuery(uri, query);
        extraOptions.forEach((k, v) -> options.put(
                Objects.requireNonNull(k, "option name must not be null"),
                Objects.requireNonNull(v, () -> "option '" + k + "' must not be null")));
        if (!rest.startsWith("//")) {
            return new StoreUri(scheme, null, null, List.of(), decode(uri, rest, "the path"), false, options);
        }
        String afterSlashes = rest.substring(2);
        int slash = afterSlashes.indexOf('/');
        String authority = slash < 0 ? afterSlashes : afterSlashes.substring(0, slash);
        String path = slash < 0 ? "" : decode(uri, afterSlashes.substring(slash), "the path");
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int c = userInfo.indexOf(':');
            user = decode(uri, c < 0 ? userInfo : userInfo.substring(0, c), "the user");
            password = c < 0 ? null : decode(uri, userInfo.substring(c + 1), "the password");
        }
        List<Host> hosts = new ArrayList<>();
        if (!authority.isEmpty()) {
            for (String h : authority.split(",", -1)) {
                hosts.add(parseHost(uri, h));
            }
        }
        return new StoreUri(scheme, user, password, hosts, path, true, options);
    }

    /** The scheme, lower case, for example {@code postgresql}. */
    public String scheme() {
        return scheme;
    }

    /** True for the {@code scheme://authority/path} form, false for {@code scheme:path}. */
    public boolean hierarchical() {
        return hierarchical;
    }

    /** The user of the authority, if any. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password of the authority, if any. Never log it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The hosts of the authority, in the order given; empty for the opaque form. */
    public List<Host> hosts() {
        return hosts;
    }

    /**
     * The path: for the hierarchical form what follows the authority, starting with {@code /}
     * or empty; for the opaque form everything between the scheme and the options.
     */
    public String path() {
        return path;
    }

    /** Every option, from the query string and the map given to {@code open}; unmodifiable. */
    public Map<String, String> options() {
        return options;
    }

    /** The value of one option, if given. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * The value of an integer option.
     *
     * @throws IllegalArgumentException naming the option if it is not an integer in
     *     {@code [min, max]}
     */
    public int intOption(String name, int defaultValue, int min, int max) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " must be an integer, was '" + v + "'");
        }
        return Arguments.requireBetween(n, min, max, "option " + name);
    }

    /**
     * The value of a duration option ({@link Durations}).
     *
     * @throws IllegalArgumentException naming the option if it is not a duration
     */
    public Duration durationOption(String name, Duration defaultValue) {
        return durationOption(name, defaultValue, Durations.MAX);
    }

    /**
     * The value of a duration option that may be at most {@code max} (see
     * {@link Durations#parse(String, String, Duration)}), or {@code defaultValue} when absent.
     *
     * @throws IllegalArgumentException naming the option if it is malformed, negative or longer
     *     than {@code max}
     */
    public Duration durationOption(String name, Duration defaultValue, Duration max) {
        String v = options.get(name);
        return v == null ? defaultValue : Durations.parse(v, "option " + name, max);
    }

    /**
     * The value of a boolean option: {@code true} or {@code false}, any case.
     *
     * @throws IllegalArgumentException naming the option if it is neither
     */
    public boolean booleanOption(String name, boolean defaultValue) {
        String v = options.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("option " + name + " must be true or false, was '" + v + "'");
    }

    /**
     * Rejects options this store does not know, so a typo is not silently ignored.
     *
     * @param known the option names the store understands
     * @throws IllegalArgumentException naming the unknown options and listing the known ones
     */
    public void requireKnownOptions(Set<String> known) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + unknown + " for " + scheme
                    + ": stores; known options: " + new TreeSet<>(known));
        }
    }

    /** The URI with the password replaced by {@code ****}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(scheme).append(':');
        if (hierarchical) {
            sb.append("//");
            if (user != null) {
                sb.append(user);
                if (password != null) {
                    sb.append(':').append(MASK);
                }
                sb.append('@');
            }
            for (int i = 0; i < hosts.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(hosts.get(i));
            }
        }
        sb.append(path);
        String sep = "?";
        for (Map.Entry<String, String> e : options.entrySet()) {
            boolean secret = e.getKey().toLowerCase(java.util.Locale.ROOT).contains("password");
            sb.append(sep).append(e.getKey()).append('=').append(secret ? MASK : e.getValue());
            sep = "&";
        }
        return sb.toString();
    }

    /**
     * Masks the user info of every URI in a text that may not parse, for messages about it:
     * for each {@code ://} in the text, everything from there to the last {@code @} before the
     * end of the line or the next {@code ://} is replaced by {@code ****} — all of it, except a
     * user made only of the characters RFC 3986 allows raw in a user name (letters, digits,
     * {@code -._~!$&'()*+,;=}) followed by a {@code :}, which is kept — and the value of every
     * {@code password=} up to the next {@code &} or the end of the line is masked. That masks a
     * password holding a raw {@code /}, {@code ?}, {@code #}, {@code @} or space too; it may mask
     * more than the user info (a host, when a path or option holds a raw {@code @}), never less.
     *
     * @param uri any text
     * @return the text with user info and passwords masked
     */
    public static String redact(String uri) {
        if (uri == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(uri.length());
        int from = 0;
        int start;
        while ((start = uri.indexOf("://", from)) >= 0) {
            int userInfoStart = start + 3;
            int lineEnd = indexOfAny(uri, "\r\n", userInfoStart);
            int end = lineEnd < 0 ? uri.length() : lineEnd;
            int nextUri = uri.indexOf("://", userInfoStart);
            if (nextUri >= 0 && nextUri < end) {
                end = nextUri;
            }
            int at = uri.lastIndexOf('@', end - 1);
            out.append(uri, from, userInfoStart);
            if (at >= userInfoStart) {
                int colon = uri.indexOf(':', userInfoStart);
                boolean plainUser = colon >= 0 && colon < at
                        && PLAIN_USER.matcher(uri.substring(userInfoStart, colon)).matches();
                out.append(plainUser ? uri.substring(userInfoStart, colon + 1) : "").append(MASK);
                from = at;
            } else {
                from = userInfoStart;
            }
        }
        out.append(uri, from, uri.length());
        return out.toString().replaceAll("(?i)(password=)[^&\\r\\n]*", "$1" + MASK);
    }

    private static int indexOfAny(String text, String chars, int from) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static Host parseHost(String uri, String text) {
        if (text.isEmpty()) {
            throw malformed(uri, "a host is empty");
        }
        String host;
        String portText = null;
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0) {
                throw malformed(uri, "an IPv6 host is missing its ']'");
            }
            host = text.substring(1, end);
            String after = text.substring(end + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw malformed(uri, "unexpected text after an IPv6 host");
                }
                portText = after.substring(1);
            }
        } else {
            int c = text.lastIndexOf(':');
            host = c < 0 ? text : text.substring(0, c);
            portText = c < 0 ? null : text.substring(c + 1);
        }
        if (host.isEmpty()) {
            throw malformed(uri, "a host is empty");
        }
        int port = -1;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw malformed(uri, "port '" + portText + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw malformed(uri, "port " + port + " is not between 1 and 65535");
            }
        }
        return new Host(host, port);
    }

    private static Map<String, String> parseQuery(String uri, String query) {
        Map<String, String> options = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return options;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(uri, eq < 0 ? pair : pair.substring(0, eq), "an option name");
            String value = eq < 0 ? "" : decode(uri, pair.substring(eq + 1), "option '" + key + "'");
            if (key.isEmpty()) {
                throw malformed(uri, "an option has no name");
            }
            if (options.put(key, value) != null) {
                throw malformed(uri, "option '" + key + "' is given twice");
            }
        }
        return options;
    }

    /** Decodes one part; an error names the part ({@code what}) and never quotes its text. */
    private static String decode(String uri, String text, String what) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw malformed(uri, "incomplete percent-encoding in " + what
                            + " (a '%' must be followed by two hex digits; write a literal '%' as %25)");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed(uri, "invalid percent-encoding in " + what
                            + " (a '%' must be followed by two hex digits; write a literal '%' as %25)");
                }
                out.write((hi << 4) | lo);
                i += 3;
            } else {
                int cp = text.codePointAt(i);
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException malformed(String uri, String why) {
        return new IllegalArgumentException("malformed store URI '" + redact(uri) + "': " + why);
    }
}
