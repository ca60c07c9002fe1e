package nl.gezinscoaching.platform.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import nl.gezinscoaching.events.privacy.ErasureRequester;
import nl.gezinscoaching.platform.crypto.HmacKey;
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

    private ErasureRegister twoErasures() {
        ErasureRegister register = new ErasureRegister(directory.resolve("erasures.log"), KEY);
        register.record(FIRST);
        register.record(SECOND);
        return register;
    }
}
