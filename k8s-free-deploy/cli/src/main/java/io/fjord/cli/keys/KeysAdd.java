package io.fjord.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.fjord.cli.ApiCommand;
import io.fjord.cli.CliException;
import io.fjord.cli.JsonOption;
import io.fjord.cli.api.Api;
import io.fjord.cli.api.Json;
import io.fjord.cli.api.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "keys:add", description = "Upload an SSH public key, so that its owner can `git push` over SSH.")
public class KeysAdd extends ApiCommand {
    /** Tried in this order when no file is given, as ssh-keygen names them. */
    static final List<String> DEFAULT_KEYS = List.of("id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub");
    /** One OpenSSH public key line: type, base64 blob, optional comment. */
    private static final Pattern PUBLIC_KEY = Pattern.compile(
            "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com)"
                    + " [A-Za-z0-9+/]+={0,3}( [^\\r\\n]*)?");

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The public key (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub or id_rsa.pub).")
    Path file;

    @Mixin
    JsonOption output;

    @Override
    protected void run(Api api) {
        Path key = file != null ? file : defaultKey(Path.of(System.getProperty("user.home"), ".ssh"));
        String text;
        try {
            text = Files.readString(key);
        } catch (IOException e) {
            throw new CliException("cannot read " + key + ": " + e.getMessage());
        }
        JsonNode answer = api.call(request(publicKey(text, key)));
        output.print(out(), answer, () -> "Uploaded " + key + "\n");
    }

    static Path defaultKey(Path sshDir) {
        return DEFAULT_KEYS.stream().map(sshDir::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new CliException("no public key in " + sshDir + ": make one with `ssh-keygen -t ed25519`"
                        + " or name the file"));
    }

    /** The key line, checked: never upload a private key by mistake, nor a file that is not a key. */
    static String publicKey(String text, Path source) {
        if (text.contains("PRIVATE KEY")) {
            throw new CliException(source + " is a private key: give the .pub file next to it");
        }
        String line = text.strip();
        if (!PUBLIC_KEY.matcher(line).matches()) {
            throw new CliException(source + " is not an OpenSSH public key (one line: TYPE BASE64 [COMMENT])");
        }
        return line;
    }

    static Request request(String publicKey) {
        return Request.post("/api/keys", Json.object().put("publicKey", publicKey));
    }
}
