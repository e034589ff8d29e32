package dev.casspool.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casspool.embedded.internal.GossipLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GossipLogTest {

    @Test
    void aPeerIsLiveFromItsLastUpUntilItIsDownOrLeavesTheRing(@TempDir Path directory) throws Exception {
        Path log = Files.writeString(directory.resolve("system.log"), """
                INFO  [GossipStage:1] 2026-11-30 09:34:55,122 Gossiper - InetAddress /127.0.0.2 is now UP
                INFO  [GossipStage:1] 2026-11-30 09:34:55,122 Gossiper - InetAddress /127.0.0.3 is now UP
                INFO  [GossipStage:1] 2026-11-30 09:34:55,122 Gossiper - InetAddress /127.0.0.4 is now UP
                INFO  [GossipStage:1] 2026-11-30 09:35:02,001 Gossiper - InetAddress /127.0.0.4 is now DOWN
                INFO  [GossipStage:1] 2026-11-30 09:35:07,755 StorageService - Removing tokens [-135200094083129, \
                8439621445841337330] for /127.0.0.3
                """);

        assertThat(GossipLog.livePeers(log, 0)).containsExactly("127.0.0.2");
    }
}
