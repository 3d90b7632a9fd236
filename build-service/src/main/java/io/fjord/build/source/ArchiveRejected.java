package io.fjord.build.source;

/** The uploaded source cannot be used; the message says why, in words the uploader understands. */
public class ArchiveRejected extends RuntimeException {

    public ArchiveRejected(String message) {
        super(message);
    }

    static ArchiveRejected notTarGz() {
        return new ArchiveRejected("the body is not a tar.gz archive");
    }

    static ArchiveRejected unsafe(String entry, String why) {
        String shown = entry.length() > 200 ? entry.substring(0, 200) + "..." : entry;
        return new ArchiveRejected("unsafe archive entry '" + shown + "': " + why);
    }
}
