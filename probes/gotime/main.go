// Command gotime runs its arguments as a child process, with this process's stdin, stdout, stderr and
// environment, and prints the child's wall time as one last stderr line "gotime_ns=<nanoseconds>". It exits
// with the child's status (125 when the child cannot be started). Probelab puts it in front of `go build`,
// natively and inside the toolchain image (which has no shell and no time(1)), to time the build itself apart
// from the container around it. Standard library only; built with CGO_ENABLED=0, so it is static.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gotime COMMAND [ARG...]")
		os.Exit(125)
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		fmt.Fprintf(os.Stderr, "gotime_ns=%d\n", elapsed.Nanoseconds())
		os.Exit(exit.ExitCode())
	default:
		fmt.Fprintf(os.Stderr, "gotime: %v\n", err)
		os.Exit(125)
	}
	fmt.Fprintf(os.Stderr, "gotime_ns=%d\n", elapsed.Nanoseconds())
}
