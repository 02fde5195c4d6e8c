package org.timeledger.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The H2 database directory holds the signing key when none is configured: its owner only may read it. */
class DataDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void theDirectoryOfAnEmbeddedH2FileIsFoundFromTheUrl() {
        assertThat(DatabaseStartup.embeddedFileDirectory("jdbc:h2:file:./data/timeledger;MODE=PostgreSQL"))
                .hasValue(Path.of("./data").toAbsolutePath());
        assertThat(DatabaseStartup.embeddedFileDirectory("jdbc:h2:mem:test")).isEmpty();
        assertThat(DatabaseStartup.embeddedFileDirectory("jdbc:postgresql://db/timeledger")).isEmpty();
    }

    @Test
    void aNewDataDirectoryIsMadeForItsOwnerOnly() throws Exception {
        Path data = temp.resolve("data");

        DatabaseStartup.keepToOwner(data);

        assertThat(Files.isDirectory(data)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    }

    @Test
    void anExistingDataDirectoryOpenToOthersIsClosed() throws Exception {
        Path data = Files.createDirectory(temp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));

        DatabaseStartup.keepToOwner(data);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    }
}
