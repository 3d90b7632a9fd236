package io.fjord.session.redis;

/**
 * Lua scripts that make a read-and-write on one session atomic. They only look at the header that
 * {@link SessionCodec} writes first: {@code {"version":N,"ttl":S,}.
 */
final class SessionScripts {

    /** Reads a session and slides its expiry back to the session's own ttl. nil when it is gone. */
    static final String READ_AND_TOUCH = """
            local value = redis.call('GET', KEYS[1])
            if not value then
              return false
            end
            local ttl = string.match(value, '^{"version":%d+,"ttl":(%d+),')
            redis.call('EXPIRE', KEYS[1], ttl)
            return value
            """;

    /**
     * Compare-and-set on the version: writes ARGV[2] with expiry ARGV[3] only if the stored version is
     * still ARGV[1]. Answers 1 when written, 0 when the session is gone, -1 when another write came first.
     * A read only touches the expiry, not the version, so concurrent reads never fail a write.
     */
    static final String REPLACE_IF_VERSION = """
            local value = redis.call('GET', KEYS[1])
            if not value then
              return 0
            end
            if string.match(value, '^{"version":(%d+),') ~= ARGV[1] then
              return -1
            end
            redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
            return 1
            """;

    private SessionScripts() {
    }
}
