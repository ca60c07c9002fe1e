package nl.gezinscoaching.api.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path directory;

    @Test
    void aFileWrittenWholeIsOwnerOnlyAndItsPartialNameCannotBeGuessed() throws IOException {
        Path target = directory.resolve("backup.zip");
        Path first = PrivateFiles.newPartial(target);
        Path second = PrivateFiles.newPartial(target);
        assertThat(first).isNotEqualTo(second);
        assertThat(first.getFileName().toString()).startsWith(".backup.zip.").endsWith(".partial");
        Files.delete(first);
        Files.delete(second);

        PrivateFiles.writeString(target, "rows");

        assertThat(Files.readString(target)).isEqualTo("rows");
        assertThat(mode(target)).isEqualTo("rw-------");
        try (var left = Files.list(directory)) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void aLinkAtTheTargetIsReplacedNotFollowed() throws IOException {
        Path elsewhere = Files.writeString(directory.resolve("someone-elses"), "theirs");
        Path target = directory.resolve("report.html");
        Files.createSymbolicLink(target, elsewhere);

        PrivateFiles.writeString(target, "ours");

        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.readString(target)).isEqualTo("ours");
        assertThat(Files.readString(elsewhere)).isEqualTo("theirs");
    }

    @Test
    void aPartialReplacedByALinkIsNotWrittenThrough() throws IOException {
        Path elsewhere = Files.writeString(directory.resolve("someone-elses"), "theirs");
        Path partial = PrivateFiles.newPartial(directory.resolve("backup.zip"));
        Files.delete(partial);
        Files.createSymbolicLink(partial, elsewhere);

        assertThatThrownBy(() -> PrivateFiles.write(partial).close()).isInstanceOf(IOException.class);
        assertThat(Files.readString(elsewhere)).isEqualTo("theirs");
    }

    @Test
    void aFileAppendedToIsCreatedOwnerOnlyRefusedAsALinkAndTightenedWhenWider() throws IOException {
        Path register = directory.resolve("erasures.register");
        try (FileChannel channel = PrivateFiles.openOwnerOnly(register, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap("line\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(mode(register)).isEqualTo("rw-------");

        Path wide = Files.writeString(directory.resolve("anchors"), "old\n");
        Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.openOwnerOnly(wide, StandardOpenOption.WRITE, StandardOpenOption.APPEND).close();
        assertThat(mode(wide)).isEqualTo("rw-------");

        Path link = directory.resolve("linked.register");
        Files.createSymbolicLink(link, register);
        assertThatThrownBy(() -> PrivateFiles.openOwnerOnly(link, StandardOpenOption.CREATE, StandardOpenOption.WRITE))
                .isInstanceOf(IOException.class).hasMessageContaining("is a link");
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
