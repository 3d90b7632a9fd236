package io.fjord.build.source;

import java.util.ArrayList;
import java.util.List;

/** Where an archive entry may go: only inside the folder it is extracted to, checked on its name alone. */
public final class EntryPaths {

    private EntryPaths() {
    }

    /**
     * The entry's path relative to the extraction folder, {@code ""} for the folder itself ({@code ./}).
     * {@code .} and empty parts are dropped; absolute paths and {@code ..} parts are refused.
     */
    public static String relative(String name) {
        if (name == null || name.isEmpty()) {
            throw ArchiveRejected.unsafe("", "the entry has no name");
        }
        if (name.indexOf('\0') >= 0) {
            throw ArchiveRejected.unsafe(name, "the name holds a NUL character");
        }
        if (name.startsWith("/")) {
            throw ArchiveRejected.unsafe(name, "absolute paths are not allowed");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw ArchiveRejected.unsafe(name, "'..' would leave the archive's folder");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /**
     * Refuses a symbolic link whose target, read from the link's own folder, is absolute or climbs out of
     * the extraction folder. {@code linkPath} is a result of {@link #relative}.
     */
    public static void checkSymlinkTarget(String linkPath, String target) {
        if (target == null || target.isEmpty()) {
            throw ArchiveRejected.unsafe(linkPath, "the symbolic link has no target");
        }
        if (target.startsWith("/")) {
            throw ArchiveRejected.unsafe(linkPath, "the symbolic link points to an absolute path");
        }
        int depth = linkPath.split("/").length - 1;
        for (String part : target.split("/")) {
            if (part.equals("..")) {
                depth--;
                if (depth < 0) {
                    throw ArchiveRejected.unsafe(linkPath, "the symbolic link points outside the archive");
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
    }
}
