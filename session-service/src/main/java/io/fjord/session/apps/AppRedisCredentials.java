package io.fjord.session.apps;

/**
 * What a release of an app gets in its environment: {@code REDIS_URL} (with the app's ACL user and
 * password) and {@code SESSION_KEY_PREFIX}, the only keys that user may touch. Never logged.
 */
public record AppRedisCredentials(String redisUrl, String sessionKeyPrefix) {

    @Override
    public String toString() {
        return "AppRedisCredentials[redisUrl=<secret>, sessionKeyPrefix=" + sessionKeyPrefix + "]";
    }
}
