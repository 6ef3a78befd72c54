# A minimal SMTP server that records the dialogue (C: command lines, D: data lines) to a file.
# Used by KeepalivedInteropTest inside a network namespace, where the JVM cannot listen.
# usage: smtp_recorder.py PORT LOGFILE
import socket
import sys

out = sys.argv[2]
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", int(sys.argv[1])))
server.listen(5)
while True:
    conn, _ = server.accept()
    reader = conn.makefile("rb")
    with open(out, "ab") as log:
        try:
            conn.sendall(b"220 recorder\r\n")
            while True:
                line = reader.readline()
                if not line:
                    break
                log.write(b"C: " + line)
                upper = line.upper()
                if upper.startswith(b"DATA"):
                    conn.sendall(b"354 go ahead\r\n")
                    while True:
                        data = reader.readline()
                        log.write(b"D: " + data)
                        if data in (b".\r\n", b""):
                            break
                    conn.sendall(b"250 queued\r\n")
                elif upper.startswith(b"QUIT"):
                    conn.sendall(b"221 bye\r\n")
                    break
                else:
                    conn.sendall(b"250 ok\r\n")
        except OSError:
            pass
        log.flush()
    conn.close()
