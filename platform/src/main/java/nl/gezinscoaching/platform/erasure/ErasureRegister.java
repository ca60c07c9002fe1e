package nl.gezinscoaching.platform.erasure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class ErasureRegister {

    private static final String VERSION = "1";
    private static final String GENESIS = "erasure-register";

    private final Path file;
    private final HmacKey key;

    public ErasureRegister(Path file, HmacKey key) {
        this.file = file;
        this.key = key;
    }

    public Path file() {
        return file;
    }

    /** Every erasure in the register, each family once (the first record), after checking the whole chain. */
    public synchronized List<RegisteredErasure> erasures() {
        return new ArrayList<>(read().erasures().values());
    }

    /** Appends the erasure unless the family is in the register already; durable when this returns. */
    public synchronized void record(RegisteredErasure erasure) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel channel = PrivateFiles.openOwnerOnly(file, StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                Contents contents = read();
                if (contents.erasures().containsKey(erasure.trajectoryId())) {
                    return;
                }
                channel.truncate(contents.completeLength()); // a line cut off by a crash never committed
                String content = String.join("\t", VERSION, erasure.trajectoryId(), erasure.erasedOn().toString(),
                        erasure.requester().name(), Base64.getEncoder().encodeToString(
                                (erasure.legalGround() == null ? "" : erasure.legalGround()).getBytes(StandardCharsets.UTF_8)));
                String line = content + "\t" + key.hex(contents.lastMac() + "\t" + content) + "\n";
                channel.position(contents.completeLength());
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The erasure register " + file + " could not be written", e);
        }
    }

    private record Contents(Map<String, RegisteredErasure> erasures, String lastMac, long completeLength) {
    }

    private Contents read() {
        if (!Files.exists(file)) {
            return new Contents(Map.of(), GENESIS, 0);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The erasure register " + file + " could not be read", e);
        }
        Map<String, RegisteredErasure> erasures = new LinkedHashMap<>();
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
        }
        return new Contents(erasures, previous, text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length);
    }

    private IllegalStateException damaged(int line, String why) {
        return new IllegalStateException("The erasure register " + file + " is damaged at line " + line + ": " + why
                + ". Restore it from its own copy (docs/operations.md); the services do not start on a damaged register.");
    }
}
