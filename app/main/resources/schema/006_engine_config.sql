-- Probelab schema, part 6: each run's engine configuration (probelab.catalog.EngineConfig), read once per cell
-- from the engine's own `info`, outside any measured interval. All NULL for native runs and for runs stored
-- before this file existed. Idempotent (see 001).
ALTER TABLE runs ADD COLUMN IF NOT EXISTS storage_driver   VARCHAR;  -- overlay2 | overlay | vfs | fuse-overlayfs | ...
ALTER TABLE runs ADD COLUMN IF NOT EXISTS cgroup_version   VARCHAR;  -- 1 | 2
ALTER TABLE runs ADD COLUMN IF NOT EXISTS cgroup_driver    VARCHAR;  -- cgroupfs | systemd | none
ALTER TABLE runs ADD COLUMN IF NOT EXISTS oci_runtime      VARCHAR;  -- name and version, e.g. runc 1.1.5+ds1
ALTER TABLE runs ADD COLUMN IF NOT EXISTS network_driver   VARCHAR;  -- bridge | netavark | cni | slirp4netns | pasta | host, plus the rootless port driver
ALTER TABLE runs ADD COLUMN IF NOT EXISTS userland_proxy   BOOLEAN;  -- published ports pass through a userland process
ALTER TABLE runs ADD COLUMN IF NOT EXISTS security_options VARCHAR;  -- e.g. seccomp,rootless
ALTER TABLE runs ADD COLUMN IF NOT EXISTS engine_version   VARCHAR;  -- e.g. docker 20.10.24+dfsg1, podman 4.3.1
