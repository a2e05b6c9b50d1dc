package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.NtStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeMetricsTest {
    @TempDir
    Path tmp;

    @Test
    void exposesRequestsBytesSessionsSnapshotsAndNoSecrets() throws Exception {
        try (Node node = Node.start(TestNodes.options(tmp, new ByteArrayOutputStream()))) {
            NodeMetrics m = node.metrics();
            m.requestDone(Command.WRITE, NtStatus.SUCCESS, 2_000_000);
            m.requestDone(Command.CREATE, NtStatus.ACCESS_DENIED, 100_000);
            m.bytesWritten(4096);
            m.bytesRead(100);
            node.createSnapshot("data", "one");
            m.snapshotPaused("data", Duration.ofMillis(3));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            m.writeTo(out);
            String text = out.toString(StandardCharsets.UTF_8);
            for (String expected : new String[] {
                "haven_smb_requests_total{command=\"WRITE\",status=\"STATUS_SUCCESS\"} 1.0",
                "haven_smb_requests_total{command=\"CREATE\",status=\"STATUS_ACCESS_DENIED\"} 1.0",
                "haven_smb_request_duration_seconds_bucket{command=\"WRITE\",le=\"0.0025\"} 1",
                "haven_smb_written_bytes_total 4096.0", "haven_smb_read_bytes_total 100.0",
                "haven_smb_sessions 0.0", "haven_opens 0.0", "haven_snapshots{filesystem=\"data\"} 1.0",
                "haven_save_volume_used_bytes{filesystem=\"data\"}", "haven_restore_progress_ratio{filesystem=\"data\"} 1.0",
                "haven_snapshot_pause_seconds_count{filesystem=\"data\"} 2"}) {
                assertTrue(text.contains(expected), expected + " missing in:\n" + text);
            }
            assertFalse(text.contains(TestNodes.PASSWORD));
        }
    }
}
