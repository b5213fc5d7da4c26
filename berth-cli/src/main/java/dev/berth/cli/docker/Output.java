package dev.berth.cli.docker;

import dev.berth.cli.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Archives the daemon streams out (save, export): to -o atomically (temp file, then rename), or to stdout when it is not a terminal. */
final class Output {
    private Output() {}

    static void archive(Session s, String output, Response r, String what) throws IOException {
        try (r; InputStream in = r.body()) {
            if (output == null || output.isEmpty()) {
                OutputStream out = s.rawOut();
                in.transferTo(out);
                out.flush();
                return;
            }
            Path target = Path.of(output).toAbsolutePath();
            Path tmp;
            try {
                tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (IOException e) {
                throw new CliException("failed to " + what + ": " + e.getMessage());
            }
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    in.transferTo(out);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    static void refuseTerminal(Session s, String output) {
        if ((output == null || output.isEmpty()) && s.stdoutIsTerminal()) {
            throw new CliException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
    }
}
