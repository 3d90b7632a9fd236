package io.fjord.session.redis;

/**
 * Lua scripts that make a read-and-write on one session atomic. They only look at the header that
 * {@link SessionCodec} writes first: {@code {"version":N,"ttl":S,}.
 */
final class SessionScripts {

    /**
     * Keeps the index of the session's user ({@code prefix} and the hash in the header) alive at least as
     * long as the session. Shared by the scripts below; expects the locals {@code value}, {@code ttl} and
     * {@code prefix} (the key prefix).
     */
    private static final String EXTEND_USER_INDEX = """
            local user = string.match(value, '^{"version":%d+,"ttl":%d+,"user":"(%x+)",')
            if user then
              local index = prefix .. 'user:' .. user
              if redis.call('TTL', index) < tonumber(ttl) then
                redis.call('EXPIRE', index, ttl)
              end
            end
            """;

    /**
     * Reads a session and slides its expiry back to the session's own ttl, and its user's index with it.
     * nil when it is gone. ARGV[1]: the key prefix.
     */
    static final String READ_AND_TOUCH = """
            local value = redis.call('GET', KEYS[1])
            if not value then
              return false
            end
            local ttl, prefix = string.match(value, '^{"version":%d+,"ttl":(%d+),'), ARGV[1]
            redis.call('EXPIRE', KEYS[1], ttl)
            """ + EXTEND_USER_INDEX + """
            return value
            """;

    /**
     * Creates a session (ARGV[2], ttl ARGV[3]) unless its key exists; a session of a user joins the user's
     * index of sessions (KEYS[2], member ARGV[4]), from which the sessions that ended meanwhile are
     * dropped, so the index holds about as many ids as the user has sessions. 1 when created.
     */
    static final String CREATE = """
            local prefix, value, ttl = ARGV[1], ARGV[2], ARGV[3]
            if not redis.call('SET', KEYS[1], value, 'EX', ttl, 'NX') then
              return 0
            end
            if KEYS[2] then
              for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
                if redis.call('EXISTS', prefix .. id) == 0 then
                  redis.call('SREM', KEYS[2], id)
                end
              end
              redis.call('SADD', KEYS[2], ARGV[4])
            end
            """ + EXTEND_USER_INDEX + """
            return 1
            """;

    /** Log out everywhere: deletes every session in the user's index (KEYS[1]) and the index. The count. */
    static final String DELETE_USER_SESSIONS = """
            local deleted = 0
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              deleted = deleted + redis.call('DEL', ARGV[1] .. id)
            end
            redis.call('DEL', KEYS[1])
            return deleted
            """;

    /**
     * Compare-and-set on the version: writes ARGV[2] with expiry ARGV[3] only if the stored version is
     * still ARGV[1] (ARGV[4]: the key prefix). Answers 1 when written, 0 when the session is gone, -1 when
     * another write came first.
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
            local ttl, prefix = ARGV[3], ARGV[4]
            value = ARGV[2]
            redis.call('SET', KEYS[1], value, 'EX', ttl)
            """ + EXTEND_USER_INDEX + """
            return 1
            """;

    private SessionScripts() {
    }
}
