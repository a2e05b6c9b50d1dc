package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.node.SmbTorture.Result;
import dev.haven.node.SmbTorture.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmbTortureTest {
    private static List<Result> parse(String output) {
        return SmbTorture.parse("smb2.x", List.of(output.split("\n")), "timeout", Duration.ZERO);
    }

    @Test
    void readsSuccessAndMultiLineFailureReasons() {
        List<Result> r = parse("smbtorture 4.17\ntest: smb2.x.a\nsuccess: smb2.x.a\ntest: smb2.x.b\n"
                + "failure: smb2.x.b [\n(create.c:488) Incorrect status\n]\n");
        assertEquals(List.of(new Result("smb2.x.a", Status.PASS, "", Duration.ZERO),
                new Result("smb2.x.b", Status.FAIL, "(create.c:488) Incorrect status", Duration.ZERO)), r);
    }

    @Test
    void readsOneLineSkipReasonAndLetsTheWorstResultWin() {
        List<Result> r = parse("test: smb2.x.a\nskip: smb2.x.a [no file index]\nerror: smb2.x.a\n");
        assertEquals(Status.FAIL, r.get(0).status());
        assertEquals(Status.SKIP, parse("test: smb2.x.a\nskip: smb2.x.a [no file index]\n").get(0).status());
        assertEquals("no file index", parse("test: smb2.x.a\nskip: smb2.x.a [no file index]\n").get(0).reason());
    }

    @Test
    void aStartedTestWithoutResultAndAnEmptyOutputBothFail() {
        assertEquals(new Result("smb2.x.a", Status.FAIL, "started, timeout", Duration.ZERO),
                parse("test: smb2.x.a\n").get(0));
        assertEquals(new Result("smb2.x", Status.FAIL, "timeout", Duration.ZERO), parse("").get(0));
    }

    @Test
    void slowLinesRunOnlyWhenAllTestsAreAsked() {
        String text = "# comment\nsmb2.lock\nslow smb2.oplock  # minutes\n\n";
        assertEquals(List.of("smb2.lock"), SmbTortureIT.requestedTests(text, false));
        assertEquals(List.of("smb2.lock", "smb2.oplock"), SmbTortureIT.requestedTests(text, true));
    }

    @Test
    void expandsGroupsAndKeepsSingleTests() {
        List<String> known = List.of("smb2.connect", "smb2.lock.valid-request", "smb2.lock.async", "smb2.locks");
        assertEquals(List.of("smb2.lock.valid-request", "smb2.lock.async", "smb2.connect", "smb2.nope"),
                SmbTorture.expand(List.of("smb2.lock", "smb2.connect", "smb2.nope"), known));
    }
}
