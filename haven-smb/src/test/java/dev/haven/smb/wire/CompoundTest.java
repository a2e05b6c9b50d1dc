package dev.haven.smb.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompoundTest {
    private static byte[] echo(int nextCommand) {
        byte[] m = MessageCodecTest.message(Command.ECHO, Hex.bytes("04 00 00 00"));
        m[20] = (byte) nextCommand;
        return m;
    }

    @Test
    void splitsByNextCommand() throws Exception {
        byte[] first = java.util.Arrays.copyOf(echo(72), 72);
        byte[] frame = MessageCodecTest.concat(MessageCodecTest.concat(first, java.util.Arrays.copyOf(echo(72), 72)),
                echo(0));
        assertEquals(List.of(new Compound.Slice(0, 72), new Compound.Slice(72, 72), new Compound.Slice(144, 68)),
                Compound.split(frame));
    }

    @Test
    void refusesMisalignedShortOrOverlongNextCommand() {
        for (int next : new int[] {68, 8, 200}) {
            byte[] frame = MessageCodecTest.concat(java.util.Arrays.copyOf(echo(next), 72), echo(0));
            assertTrue(assertThrows(MalformedMessageException.class, () -> Compound.split(frame)).fatal());
        }
    }

    @Test
    void linksResponsesWithPaddingToEightBytes() throws Exception {
        byte[] a = MessageCodecTest.message(Command.ECHO, Hex.bytes("09 00 00 00 00 00 00 00 00"));
        byte[] linked = Compound.link(a, false);
        assertEquals(80, linked.length);
        assertEquals(80, linked[20]);
        byte[] last = Compound.link(a, true);
        assertEquals(73, last.length);
        assertEquals(0, last[20]);
        assertEquals(2, Compound.split(Compound.join(List.of(linked, last))).size());
    }

    @Test
    void joinsOneResponseWithoutCopyingAndSeveralInOrder() {
        byte[] only = echo(0);
        assertSame(only, Compound.join(List.of(only)));
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5};
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Compound.join(List.of(a, b)));
    }

    @Test
    void detachHandsOverAFullWriterAndCopiesAPartialOne() {
        WireWriter full = new WireWriter(4);
        full.u32(7);
        byte[] whole = full.detach();
        assertEquals(4, whole.length);
        WireWriter partial = new WireWriter(8);
        partial.u16(7);
        assertArrayEquals(new byte[] {7, 0}, partial.detach());
    }
}
