package dev.casspool.embedded.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a node's gossiper believes about its peers, read from the lines it logs when its failure detector marks a peer
 * up or down, and when a peer leaves the ring (its tokens are removed, well before it is marked down). Thrift exposes
 * no such view ({@code describe_schema_versions} reports a dead but not yet convicted peer
 * as unreachable only after a 10 s timeout, and as live in between).
 */
public final class GossipLog {

    private static final Pattern STATE_CHANGE = Pattern.compile(
            "InetAddress /([0-9.]+) is now (UP|DOWN)|Removing tokens \\[[^\\]]*\\] for /([0-9.]+)");

    private GossipLog() {
    }

    /** The current size of a log, to read only what a node logs from now on. */
    public static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Peers whose last logged state, after byte {@code offset} of {@code log}, is UP (and not left). */
    public static Set<String> livePeers(Path log, long offset) {
        Map<String, Boolean> up = new LinkedHashMap<>();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(Math.min(offset, file.length()));
            byte[] tail = new byte[Math.toIntExact(file.length() - file.getFilePointer())];
            file.readFully(tail);
            Matcher matcher = STATE_CHANGE.matcher(new String(tail, StandardCharsets.UTF_8));
            while (matcher.find()) {
                if (matcher.group(3) != null) {
                    up.put(matcher.group(3), false);
                } else {
                    up.put(matcher.group(1), matcher.group(2).equals("UP"));
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        Set<String> live = new TreeSet<>();
        up.forEach((peer, isUp) -> {
            if (isUp) {
                live.add(peer);
            }
        });
        return live;
    }
}
