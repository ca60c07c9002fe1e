package nl.gezinscoaching.platform.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.gezinscoaching.events.privacy.ErasureRequester;
import nl.gezinscoaching.platform.crypto.HmacKey;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErasureRegisterTest {

    private static final HmacKey KEY = HmacKey.fromBase64("k", Base64.getEncoder().encodeToString(new byte[32]));
    private static final HmacKey OTHER_KEY = HmacKey.fromBase64("k", Base64.getEncoder().encodeToString(
            "another key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII)));
    private static final RegisteredErasure FIRST = new RegisteredErasure("t-1", LocalDate.of(2026, 12, 1),
            ErasureRequester.PARENT, "AVG art. 17");
    private static final RegisteredErasure SECOND = new RegisteredErasure("t-2", LocalDate.of(2046, 1, 2),
            ErasureRequester.RETENTION_POLICY, "Jeugdwet art. 7.3.11\tmet tab");

    @TempDir
    Path directory;

    @Test
    void erasuresAreReadBackInOrderEachFamilyOnce() {
        ErasureRegister register = new ErasureRegister(directory.resolve("sub/erasures.log"), KEY);
        assertThat(register.erasures()).isEmpty();
        register.record(FIRST);
        register.record(SECOND);
        register.record(FIRST);
        assertThat(new ErasureRegister(register.file(), KEY).erasures()).containsExactly(FIRST, SECOND);
    }

    @Test
    void theRegisterIsOwnerOnlyAndNeverWrittenThroughALink() throws Exception {
        ErasureRegister register = new ErasureRegister(directory.resolve("erasures.log"), KEY);
        register.record(FIRST);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(register.file())))
                .isEqualTo("rw-------");

        Path elsewhere = Files.writeString(directory.resolve("elsewhere"), "");
        ErasureRegister planted = new ErasureRegister(directory.resolve("planted.log"), KEY);
        Files.createSymbolicLink(planted.file(), elsewhere);
        assertThatThrownBy(() -> planted.record(FIRST)).isInstanceOf(UncheckedIOException.class);
        assertThat(Files.readString(elsewhere)).isEmpty();
    }

    @Test
    void aChangedLineIsRefused() throws Exception {
        ErasureRegister register = twoErasures();
        Files.writeString(register.file(), Files.readString(register.file()).replace("t-1", "t-9"));
        assertThatThrownBy(register::erasures).hasMessageContaining("damaged at line 1");
    }

    @Test
    void aRemovedLineIsRefused() throws Exception {
        ErasureRegister register = twoErasures();
        List<String> lines = new ArrayList<>(Files.readAllLines(register.file()));
        lines.remove(0);
        Files.write(register.file(), lines);
        assertThatThrownBy(register::erasures).hasMessageContaining("damaged at line 1");
    }

    @Test
    void anotherKeyCannotReadOrExtendTheRegister() {
        ErasureRegister register = twoErasures();
        ErasureRegister forged = new ErasureRegister(register.file(), OTHER_KEY);
        assertThatThrownBy(forged::erasures).hasMessageContaining("signature does not match");
        assertThatThrownBy(() -> forged.record(FIRST)).hasMessageContaining("damaged");
    }

    @Test
    void aLineCutOffByACrashIsDroppedAtTheNextAppend() throws Exception {
        ErasureRegister register = new ErasureRegister(directory.resolve("erasures.log"), KEY);
        register.record(FIRST);
        Files.writeString(register.file(), "1\tt-2\t2026-12", StandardOpenOption.APPEND);
        assertThat(register.erasures()).containsExactly(FIRST);
        register.record(SECOND);
        assertThat(register.erasures()).containsExactly(FIRST, SECOND);
        assertThat(Files.readAllLines(register.file())).hasSize(2);
    }

    @Test
    void aRegisterThatNeverExistedIsCreatedEmptyWithItsAnchor() {
        ErasureRegister register = new ErasureRegister(directory.resolve("erasures.log"), KEY);

        assertThat(register.verify(Optional.empty(), Set.of())).isEqualTo(ErasureRegister.Head.EMPTY);

        assertThat(register.file()).exists();
        assertThat(register.anchorFile()).exists();
        assertThat(register.verify(Optional.empty(), Set.of())).isEqualTo(ErasureRegister.Head.EMPTY);
    }

    @Test
    void aMissingRegisterIsRefusedWhenItsAnchorTheDatabaseOrAnErasureSaysItExisted() throws Exception {
        ErasureRegister register = twoErasures();
        ErasureRegister.Head head = register.verify(Optional.empty(), Set.of("t-1", "t-2"));
        Files.delete(register.file());

        assertRefused(() -> register.verify(Optional.of(head), Set.of("t-1", "t-2")), "is missing");
        Files.delete(register.anchorFile());
        assertRefused(() -> register.verify(Optional.of(head), Set.of()), "is missing");
        assertRefused(() -> register.verify(Optional.empty(), Set.of("t-1")), "is missing");
        assertThat(register.file()).doesNotExist();
    }

    @Test
    void anEmptiedRegisterIsRefused() throws Exception {
        ErasureRegister register = twoErasures();
        Files.writeString(register.file(), "");

        assertRefused(() -> register.verify(Optional.empty(), Set.of()), "fewer than the 2");
    }

    @Test
    void aRegisterCutShortAtALineEndIsRefusedByEitherAnchor() throws Exception {
        ErasureRegister register = twoErasures();
        ErasureRegister.Head head = register.verify(Optional.empty(), Set.of());
        List<String> lines = Files.readAllLines(register.file());
        Files.writeString(register.file(), lines.get(0) + "\n");

        assertRefused(() -> register.verify(Optional.of(head), Set.of()), "its anchor file");
        Files.delete(register.anchorFile());
        assertRefused(() -> register.verify(Optional.of(head), Set.of()), "the database's anchor");
    }

    @Test
    void anOlderCopyIsRefusedByTheAnchorsAndByTheEventStoresErasures() throws Exception {
        ErasureRegister register = new ErasureRegister(directory.resolve("erasures.log"), KEY);
        register.record(FIRST);
        String older = Files.readString(register.file());
        String olderAnchor = Files.readString(register.anchorFile());
        register.record(SECOND);
        ErasureRegister.Head head = register.verify(Optional.empty(), Set.of("t-1", "t-2"));

        Files.writeString(register.file(), older);
        assertRefused(() -> register.verify(Optional.of(head), Set.of("t-1", "t-2")), "its anchor file");
        Files.writeString(register.anchorFile(), olderAnchor); // both files from the older copy
        assertRefused(() -> register.verify(Optional.of(head), Set.of("t-1", "t-2")), "the database's anchor");
        // a database restored from before the second erasure too: only the event store of today can tell
        assertRefused(() -> register.verify(Optional.empty(), Set.of("t-1", "t-2")), "lacks 1 erasure(s)");
    }

    @Test
    void anotherRegisterWithAsManyLinesDoesNotContinueTheAnchor() throws Exception {
        ErasureRegister register = new ErasureRegister(directory.resolve("erasures.log"), KEY);
        register.record(FIRST);
        ErasureRegister.Head head = register.verify(Optional.empty(), Set.of());
        ErasureRegister other = new ErasureRegister(directory.resolve("other.log"), KEY);
        other.record(SECOND);
        Files.copy(other.file(), register.file(), StandardCopyOption.REPLACE_EXISTING);

        assertRefused(() -> register.verify(Optional.of(head), Set.of()), "does not continue");
    }

    @Test
    void aRegisterCutShortWhileRunningIsNotAppendedTo() throws Exception {
        ErasureRegister register = twoErasures();
        Files.writeString(register.file(), "");

        assertThatThrownBy(() -> register.record(new RegisteredErasure("t-3", LocalDate.of(2026, 12, 3),
                ErasureRequester.PARENT, "AVG art. 17"))).hasMessageContaining("fewer than the 2");
        assertThat(register.file()).isEmptyFile();
    }

    @Test
    void aLongerRegisterMovesItsAnchorOn() throws Exception {
        ErasureRegister register = new ErasureRegister(directory.resolve("erasures.log"), KEY);
        ErasureRegister.Head one = register.record(FIRST);
        ErasureRegister.Head two = register.record(SECOND);

        assertThat(two.entries()).isEqualTo(2);
        assertThat(register.verify(Optional.of(one), Set.of("t-1"))).isEqualTo(two);
    }

    /** Refused for the reason given, naming the register and no family. */
    private void assertRefused(ThrowingCallable verify, String why) {
        assertThatThrownBy(verify).isInstanceOf(IllegalStateException.class).hasMessageContaining("erasures.log")
                .hasMessageContaining(why).satisfies(refused -> assertThat(
                        refused.getMessage().replace(directory.toString(), "")).doesNotContain("t-1", "t-2"));
    }

    private ErasureRegister twoErasures() {
        ErasureRegister register = new ErasureRegister(directory.resolve("erasures.log"), KEY);
        register.record(FIRST);
        register.record(SECOND);
        return register;
    }
}
