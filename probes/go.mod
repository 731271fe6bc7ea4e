module probelab.dev/probes

go 1.19
