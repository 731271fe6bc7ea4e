package probelab.cli;

import probelab.Config;
import probelab.probe.Fingerprint;
import probelab.storage.db.Database;
import probelab.storage.machines.MachineRow;
import probelab.storage.machines.Machines;

/** Registers this machine in a database a command opened itself (the composition root does it for the others). */
final class LocalMachine {
    private LocalMachine() {
    }

    /** This machine as stored, with its name; its older runs adopted (see {@code Machines.registerLocal}). */
    static MachineRow register(Database db, Fingerprint fingerprint) {
        return new Machines(db).registerLocal(fingerprint.machine(), fingerprint.fingerprintId());
    }

    static Fingerprint fingerprint(Config config) {
        return new Fingerprint(Config.VERSION, config.root());
    }
}
