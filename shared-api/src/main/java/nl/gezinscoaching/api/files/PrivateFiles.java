package nl.gezinscoaching.api.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How the platform and the study write files that hold data about families (backups, the erasure register, the
 * read audit's anchors, exports, study reports): owner-only ({@code 0600}) whatever the umask, and never through a
 * file or link that was there before. A file written whole is written to a new file with an unpredictable name
 * beside it ({@link #newPartial}) and moved over the target when complete ({@link #publish}: a link at the target is
 * replaced, not followed); a file appended to is opened without following a link ({@link #openOwnerOnly}), and an
 * existing one loses any permission for group or others.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private PrivateFiles() {
    }

    /** A new, empty, owner-only file in the target's directory, with a random name ({@code .name.*.partial}). */
    public static Path newPartial(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        String prefix = "." + target.getFileName() + ".";
        return posix(directory)
                ? Files.createTempFile(directory, prefix, ".partial", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, prefix, ".partial");
    }

    /** Writes a file made by {@link #newPartial}, refusing if it has been replaced by a link since. */
    public static OutputStream write(Path partial) throws IOException {
        return Files.newOutputStream(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS);
    }

    /** Moves a complete file over the target, in one step. */
    public static void publish(Path partial, Path target) throws IOException {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes the whole text to the target, as {@link #newPartial}, {@link #write} and {@link #publish} do. */
    public static void writeString(Path target, String text) throws IOException {
        Path partial = newPartial(target);
        try {
            try (OutputStream out = write(partial)) {
                out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            publish(partial, target);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Opens a file to read or append to: created owner-only when it is new, never through a link (a link there is
     * refused), and an existing file's permissions for group and others are taken away.
     */
    public static FileChannel openOwnerOnly(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> opened = new HashSet<>(List.of(options));
        opened.add(LinkOption.NOFOLLOW_LINKS);
        Path directory = file.toAbsolutePath().getParent();
        FileChannel channel;
        try {
            channel = posix(directory)
                    ? FileChannel.open(file, opened, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : FileChannel.open(file, opened);
        } catch (IOException e) {
            if (Files.isSymbolicLink(file)) {
                throw new FileSystemException(file.toString(), null, "is a link; refused (a file of its own is required)");
            }
            throw e;
        }
        try {
            restrict(file);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** Takes away group's and others' permissions of an existing file (not through a link). */
    public static void restrict(Path file) throws IOException {
        if (!posix(file.toAbsolutePath().getParent())) {
            return;
        }
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!OWNER_ONLY.containsAll(now)) {
            Set<PosixFilePermission> kept = EnumSet.copyOf(now);
            kept.retainAll(OWNER_ONLY);
            Files.setPosixFilePermissions(file, kept);
        }
    }

    private static boolean posix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
