package probelab.process;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoopbackPortsTest {
    @Test
    void the_port_it_names_can_be_bound_on_loopback() throws IOException {
        int port = LoopbackPorts.free();
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, s.getLocalPort());
        }
    }
}
