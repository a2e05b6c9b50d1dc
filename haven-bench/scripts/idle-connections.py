#!/usr/bin/env python3
"""idle-connections.py HOST PORT N HOLD_FILE

Opens N TCP connections to an SMB2 server; on each sends NEGOTIATE (dialects
2.0.2..3.0.2, [MS-SMB2] 2.2.3) and the first SESSION_SETUP leg (a raw NTLMSSP
NEGOTIATE_MESSAGE, [MS-NLMP] 2.2.1.1), waits for the CHALLENGE answer
(STATUS_MORE_PROCESSING_REQUIRED), then leaves the connection idle. Writes
"ready N" to stdout once all are open and keeps them open until HOLD_FILE
is removed (or 120 s pass). The NTLM exchange is not completed: that needs
MD4/HMAC key derivation and is not what an idle-connection RSS measures.
"""
import os, socket, struct, sys, time, uuid

def header(command, message_id):
    # [MS-SMB2] 2.2.1.2 sync header, 64 bytes
    return struct.pack('<4sHHIHHIIQIIQ16s', b'\xfeSMB', 64, 0, 0, command, 1, 0, 0,
                       message_id, 0xFEFF, 0, 0, b'\0' * 16)

def frame(payload):
    return struct.pack('>I', len(payload)) + payload

def recv_frame(s):
    hdr = recv_exact(s, 4)
    return recv_exact(s, struct.unpack('>I', hdr)[0] & 0xFFFFFF)

def recv_exact(s, n):
    buf = b''
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise ConnectionError('closed by server')
        buf += chunk
    return buf

def negotiate():
    dialects = [0x0202, 0x0210, 0x0300, 0x0302]
    body = struct.pack('<HHHHI16sQ', 36, len(dialects), 1, 0, 0, uuid.uuid4().bytes, 0)
    body += b''.join(struct.pack('<H', d) for d in dialects)
    return header(0, 0) + body

def session_setup():
    # flags include NEGOTIATE_VERSION, so the 8-byte Version field follows the fixed part
    ntlm = b'NTLMSSP\0' + struct.pack('<II', 1, 0x62088215) + b'\0' * 16 + bytes([10, 0, 0x61, 0x4a, 0, 0, 0, 15])
    body = struct.pack('<HBBIIHHQ', 25, 0, 1, 0, 0, 64 + 24, len(ntlm), 0) + ntlm
    return header(1, 1) + body

def open_one(host, port):
    s = socket.create_connection((host, port), timeout=30)
    s.sendall(frame(negotiate()))
    status = struct.unpack_from('<I', recv_frame(s), 8)[0]
    if status != 0:
        raise RuntimeError('negotiate status 0x%08x' % status)
    s.sendall(frame(session_setup()))
    status = struct.unpack_from('<I', recv_frame(s), 8)[0]
    if status != 0xC0000016:
        raise RuntimeError('session setup status 0x%08x' % status)
    return s

def main():
    host, port, n, hold = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    socks = [open_one(host, port) for _ in range(n)]
    print('ready %d' % len(socks), flush=True)
    deadline = time.time() + 120
    while os.path.exists(hold) and time.time() < deadline:
        time.sleep(0.2)
    for s in socks:
        s.close()

if __name__ == '__main__':
    main()
