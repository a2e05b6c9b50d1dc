package dev.haven.node;

import dev.haven.smb.server.SmbObserver;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.NtStatus;
import dev.haven.volume.RestoreProgress;
import dev.haven.volume.VolumeInfo;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's Prometheus metrics (one registry per node, so tests can run several nodes): SMB
 * requests by command and status, their latency, bytes read and written, sessions, opens,
 * snapshots and save-volume use per file system, restore progress and snapshot pauses. It is the
 * {@link SmbObserver} every SMB listener of the node reports to. Holds no secrets.
 */
public final class NodeMetrics implements SmbObserver {
    private static final double[] LATENCY_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
        0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("haven_smb_requests")
            .help("SMB2 requests answered, by command and NTSTATUS").labelNames("command", "status")
            .register(registry);
    private final Histogram latency = Histogram.builder().name("haven_smb_request_duration_seconds")
            .help("Time from decoding an SMB2 request to its reply, by command").labelNames("command")
            .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
    private final Counter readBytes = Counter.builder().name("haven_smb_read_bytes")
            .help("Bytes returned by SMB2 READ").register(registry);
    private final Counter writtenBytes = Counter.builder().name("haven_smb_written_bytes")
            .help("Bytes stored by SMB2 WRITE").register(registry);
    private final Histogram pauses = Histogram.builder().name("haven_snapshot_pause_seconds")
            .help("How long changes waited while a live snapshot was taken").labelNames("filesystem")
            .classicOnly().classicUpperBounds(LATENCY_BUCKETS).register(registry);
    private final AtomicLong readTotal = new AtomicLong();
    private final AtomicLong writtenTotal = new AtomicLong();

    NodeMetrics() {
    }

    /** Registers the gauges read from the node at each scrape. */
    void watch(Node node) {
        GaugeWithCallback.builder().name("haven_smb_sessions").help("Authenticated SMB sessions")
                .callback(cb -> cb.call(node.sessions().size())).register(registry);
        GaugeWithCallback.builder().name("haven_opens").help("Open files and directories")
                .callback(cb -> cb.call(node.virtualServers().stream().mapToInt(v -> v.files().openCount()).sum()))
                .register(registry);
        GaugeWithCallback.builder().name("haven_snapshots").help("Snapshots per file system")
                .labelNames("filesystem").callback(cb -> node.fileSystems().forEach(m -> cb.call(
                        m.volume().info().snapshots(), m.config().name()))).register(registry);
        GaugeWithCallback.builder().name("haven_save_volume_used_bytes")
                .help("Save-volume bytes holding snapshot data, per file system").labelNames("filesystem")
                .callback(cb -> node.fileSystems().forEach(m -> {
                    VolumeInfo i = m.volume().info();
                    cb.call((double) i.saveBlocksUsed() * i.blockSize(), m.config().name());
                })).register(registry);
        GaugeWithCallback.builder().name("haven_restore_progress_ratio")
                .help("Fraction of a running restore's background copy done (1 when none runs)")
                .labelNames("filesystem").callback(cb -> node.fileSystems().forEach(m -> {
                    RestoreProgress p = m.restoreProgress();
                    cb.call(p == null ? 1.0 : p.fraction(), m.config().name());
                })).register(registry);
    }

    @Override
    public void requestDone(Command command, NtStatus status, long nanos) {
        requests.labelValues(command.name(), status.name()).inc();
        latency.labelValues(command.name()).observe(nanos / 1e9);
    }

    @Override
    public void bytesRead(long bytes) {
        readBytes.inc(bytes);
        readTotal.addAndGet(bytes);
    }

    @Override
    public void bytesWritten(long bytes) {
        writtenBytes.inc(bytes);
        writtenTotal.addAndGet(bytes);
    }

    void snapshotPaused(String fileSystem, Duration pause) {
        pauses.labelValues(fileSystem).observe(pause.toNanos() / 1e9);
    }

    /** Bytes read through SMB since the node started. */
    public long bytesReadTotal() {
        return readTotal.get();
    }

    /** Bytes written through SMB since the node started. */
    public long bytesWrittenTotal() {
        return writtenTotal.get();
    }

    /** Writes every metric in the Prometheus text format (version 0.0.4). */
    public void writeTo(OutputStream out) throws IOException {
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    }

    /** The content type of {@link #writeTo}. */
    public static String contentType() {
        return new PrometheusTextFormatWriter(false).getContentType();
    }
}
