package dev.haven.files.share;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.files.AccessMask;
import dev.haven.files.FileKey;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.OpenId;
import dev.haven.files.ShareAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Racing exclusive opens: exactly one wins each round, and the table ends empty. */
class ShareModeTableConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 500;

    @Test
    void exactlyOneOfManyRacingExclusiveOpensWinsEachRound() throws Exception {
        ShareModeTable table = new ShareModeTable();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                FileKey file = new FileKey(5, round % 7);
                CountDownLatch start = new CountDownLatch(1);
                AtomicInteger violations = new AtomicInteger();
                List<Future<OpenId>> attempts = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    attempts.add(pool.submit(() -> {
                        start.await();
                        OpenId open = OpenId.random();
                        try {
                            table.open(file, open, AccessMask.of(AccessMask.FILE_WRITE_DATA), ShareAccess.NONE, false);
                            return open;
                        } catch (FileServiceException e) {
                            assertEquals(FileServiceError.SHARING_VIOLATION, e.error());
                            violations.incrementAndGet();
                            return null;
                        }
                    }));
                }
                start.countDown();
                List<OpenId> winners = new ArrayList<>();
                for (Future<OpenId> f : attempts) {
                    OpenId won = f.get(60, TimeUnit.SECONDS);
                    if (won != null) {
                        winners.add(won);
                    }
                }
                assertEquals(1, winners.size(), "round " + round);
                assertEquals(THREADS - 1, violations.get());
                table.close(winners.get(0));
                assertEquals(0, table.opensOf(file).size());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
