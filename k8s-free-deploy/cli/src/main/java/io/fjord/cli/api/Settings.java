package io.fjord.cli.api;

/** What {@code fjord login} saves: the API's URL and the token. Either may be null when nothing is saved. */
public record Settings(String api, String token) {
    public static final Settings NONE = new Settings(null, null);
}
