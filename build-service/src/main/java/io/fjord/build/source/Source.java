package io.fjord.build.source;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A received and checked source: the upload as it came, which is Docker's build context, and the text
 * of its Procfile if it has one. {@link #delete} removes the build's folder.
 */
public record Source(Path folder, Path archive, Optional<String> procfile) {

    public void delete() {
        Trees.deleteQuietly(folder);
    }
}
