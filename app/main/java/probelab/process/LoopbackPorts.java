package probelab.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds TCP ports on the loopback interface for servers that are started next. */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /**
     * A port the kernel says is free on 127.0.0.1 now. It is released before the caller binds it, so another
     * process may take it in between: callers treat that race as a failed start, not as a bug.
     */
    public static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
