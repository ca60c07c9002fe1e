package nl.gezinscoaching.platform.erasure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.gezinscoaching.api.files.PrivateFiles;
import nl.gezinscoaching.events.privacy.ErasureRequester;
import nl.gezinscoaching.platform.crypto.HmacKey;

/**
 * An append-only file of erasures, kept apart from the database and its backups (beside the master key's
 * secrets). One line per erasure:
 * {@code 1 TAB trajectoryId TAB erasedOn TAB requester TAB base64(legalGround) TAB mac}, where {@code mac} is
 * HMAC-SHA-256 (key {@code platform.erasure-register.key}) over the previous line's mac and this line: a
 * changed, inserted or removed line breaks the chain, and nobody without the key can write a valid one. A
 * line is written and forced to disk before the erasure's transaction commits; a line cut off by a crash
 * (no newline) is an erasure that did not commit, and is dropped at the next append.
 * <p>
 * A damaged register is refused: the services do not start on it (the operator restores the register from
 * its own copy), because a register that cannot be trusted could hide an erasure.
 * <p>
 * The chain alone cannot tell a register cut short at a line's end, emptied or replaced by an older copy: those are
 * valid chains too. So its head (the number of lines and the last line's MAC) is anchored outside it, in a second
 * file ({@code anchorFile}, signed with the same key, rewritten after each append) and in the database (table
 * {@code erasure_register_anchor}, in each erasure's transaction). {@link #verify} refuses a register that is
 * missing while an anchor or an erasure says it existed, shorter than an anchor, not continuing an anchor's MAC,
 * or lacking an erasure the event store holds.
 */
public final class ErasureRegister {

    private static final String VERSION = "1";
    private static final String GENESIS = "erasure-register";

    private static final String ANCHOR = "anchor";

    private final Path file;
    private final Path anchorFile;
    private final HmacKey key;

    /** A register with its anchor file beside it ({@code file.anchor}). */
    public ErasureRegister(Path file, HmacKey key) {
        this(file, file.resolveSibling(file.getFileName() + ".anchor"), key);
    }

    public ErasureRegister(Path file, Path anchorFile, HmacKey key) {
        this.file = file;
        this.anchorFile = anchorFile;
        this.key = key;
    }

    /** The register's head: how many lines it has and its last line's MAC ({@value #GENESIS} when empty). */
    public record Head(int entries, String lastMac) {

        public static final Head EMPTY = new Head(0, GENESIS);
    }

    public Path anchorFile() {
        return anchorFile;
    }

    public Path file() {
        return file;
    }

    /** Every erasure in the register, each family once (the first record), after checking the whole chain. */
    public synchronized List<RegisteredErasure> erasures() {
        return new ArrayList<>(read().erasures().values());
    }

    /**
     * Appends the erasure unless the family is in the register already; durable, and the anchor file moved on, when
     * this returns. The head after it, for the database's anchor.
     */
    public synchronized Head record(RegisteredErasure erasure) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = PrivateFiles.openOwnerOnly(file, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                Contents contents = read();
                // a register cut short while the services run is not appended to (that would move its anchor back)
                check(contents, readAnchor(), "its anchor file " + anchorFile);
                if (contents.erasures().containsKey(erasure.trajectoryId())) {
                    return contents.head();
                }
                channel.truncate(contents.completeLength()); // a line cut off by a crash never committed
                String content = String.join("\t", VERSION, erasure.trajectoryId(), erasure.erasedOn().toString(),
                        erasure.requester().name(), Base64.getEncoder().encodeToString(
                                (erasure.legalGround() == null ? "" : erasure.legalGround()).getBytes(StandardCharsets.UTF_8)));
                String mac = key.hex(contents.lastMac() + "\t" + content);
                String line = content + "\t" + mac + "\n";
                channel.position(contents.completeLength());
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
                Head head = new Head(contents.macs().size() + 1, mac);
                writeAnchor(head);
                return head;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The erasure register " + file + " could not be written", e);
        }
    }

    /**
     * Checks the register against its anchors and the event store before the services use it, and returns its head
     * (the database's anchor is then moved on to it): refused when it is missing although the anchor file, the
     * database's anchor or an erasure in the event store says there was one; when it has fewer lines than an anchor
     * or does not continue an anchor's MAC (emptied, cut short, an older or another copy); when it lacks an erasure
     * the event store holds. A register that never existed (no anchor, no erasure) is created, empty.
     */
    public synchronized Head verify(Optional<Head> databaseAnchor, Set<String> erasedInEventStore) {
        Optional<Head> fileAnchor = readAnchor();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (fileAnchor.isPresent() || databaseAnchor.map(Head::entries).orElse(0) > 0
                    || !erasedInEventStore.isEmpty()) {
                throw refused("is missing, while " + (fileAnchor.isPresent() ? "its anchor file" : databaseAnchor
                        .map(Head::entries).orElse(0) > 0 ? "the database's anchor" : "the event store's erasures")
                        + " shows it existed");
            }
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                PrivateFiles.openOwnerOnly(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            } catch (IOException e) {
                throw new UncheckedIOException("The erasure register " + file + " could not be created", e);
            }
            writeAnchor(Head.EMPTY);
            return Head.EMPTY;
        }
        Contents contents = read();
        check(contents, fileAnchor, "its anchor file " + anchorFile);
        check(contents, databaseAnchor, "the database's anchor");
        long missing = erasedInEventStore.stream().filter(id -> !contents.erasures().containsKey(id)).count();
        if (missing > 0) {
            throw refused("lacks " + missing + " erasure(s) that the event store holds (an older or another copy)");
        }
        Head head = contents.head();
        if (fileAnchor.map(anchor -> anchor.entries() < head.entries()).orElse(true)) {
            writeAnchor(head);
        }
        return head;
    }

    private void check(Contents contents, Optional<Head> anchor, String which) {
        if (anchor.isEmpty() || anchor.get().entries() == 0) {
            return;
        }
        int entries = anchor.get().entries();
        if (entries > contents.macs().size()) {
            throw refused("has " + contents.macs().size() + " lines, fewer than the " + entries + " of " + which
                    + " (emptied or cut short)");
        }
        if (!contents.macs().get(entries - 1).equals(anchor.get().lastMac())) {
            throw refused("does not continue " + which + " (an older or another copy)");
        }
    }

    private IllegalStateException refused(String why) {
        return new IllegalStateException("The erasure register " + file + " " + why + ". Restore the register and "
                + "its anchor file from their own copy (docs/operations.md); the services do not start without them.");
    }

    private Optional<Head> readAnchor() {
        if (!Files.exists(anchorFile, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            String[] fields = Files.readString(anchorFile, StandardCharsets.UTF_8).strip().split("\t", -1);
            if (fields.length != 4 || !VERSION.equals(fields[0])
                    || !key.matches(ANCHOR + "\t" + fields[1] + "\t" + fields[2], fields[3])) {
                throw new IllegalStateException("The erasure register's anchor file " + anchorFile + " is damaged or "
                        + "signed with another key. Restore it from its own copy (docs/operations.md).");
            }
            return Optional.of(new Head(Integer.parseInt(fields[1]), fields[2]));
        } catch (IOException e) {
            throw new UncheckedIOException("The erasure register's anchor file " + anchorFile + " could not be read", e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The erasure register's anchor file " + anchorFile + " is damaged");
        }
    }

    private void writeAnchor(Head head) {
        String content = head.entries() + "\t" + head.lastMac();
        try {
            PrivateFiles.writeString(anchorFile, VERSION + "\t" + content + "\t" + key.hex(ANCHOR + "\t" + content)
                    + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("The erasure register's anchor file " + anchorFile + " could not be written",
                    e);
        }
    }

    private record Contents(Map<String, RegisteredErasure> erasures, List<String> macs, long completeLength) {

        String lastMac() {
            return macs.isEmpty() ? GENESIS : macs.get(macs.size() - 1);
        }

        Head head() {
            return new Head(macs.size(), lastMac());
        }
    }

    private Contents read() {
        if (!Files.exists(file)) {
            return new Contents(Map.of(), List.of(), 0);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The erasure register " + file + " could not be read", e);
        }
        Map<String, RegisteredErasure> erasures = new LinkedHashMap<>();
        List<String> macs = new ArrayList<>();
        String previous = GENESIS;
        int complete = text.lastIndexOf('\n') + 1;
        String[] lines = text.substring(0, complete).split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String[] fields = lines[i].split("\t", -1);
            if (fields.length != 6 || !VERSION.equals(fields[0])) {
                throw damaged(i + 1, "not a register line");
            }
            String content = lines[i].substring(0, lines[i].lastIndexOf('\t'));
            if (!key.matches(previous + "\t" + content, fields[5])) {
                throw damaged(i + 1, "its signature does not match (changed, inserted, removed line or another key)");
            }
            try {
                RegisteredErasure erasure = new RegisteredErasure(fields[1], LocalDate.parse(fields[2]),
                        ErasureRequester.valueOf(fields[3]),
                        new String(Base64.getDecoder().decode(fields[4]), StandardCharsets.UTF_8));
                erasures.putIfAbsent(erasure.trajectoryId(), erasure);
            } catch (RuntimeException e) {
                throw damaged(i + 1, "unreadable values");
            }
            previous = fields[5];
            macs.add(previous);
        }
        return new Contents(erasures, macs, text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length);
    }

    private IllegalStateException damaged(int line, String why) {
        return new IllegalStateException("The erasure register " + file + " is damaged at line " + line + ": " + why
                + ". Restore it from its own copy (docs/operations.md); the services do not start on a damaged register.");
    }
}
