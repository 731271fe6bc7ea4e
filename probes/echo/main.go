// Command echo is the Go HTTP server every runtime is measured with: a small fixed response on "/",
// keep-alive, standard library only, so that what differs between runs is the runtime, not the server.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"strconv"
	"time"
)

var body = []byte("probelab echo: ok\n")

func main() {
	addr := flag.String("addr", "", "listen address (default :$PORT or :8080)")
	delay := flag.Duration("delay", 0, "sleep this long before each response (a known, sure difference for tests and calibration)")
	exitWithParent := flag.Bool("exit-with-parent", false, "exit when the parent process dies (native runs: a killed probe leaves no server behind)")
	flag.Parse()
	if *addr == "" {
		port := os.Getenv("PORT")
		if port == "" {
			port = "8080"
		}
		*addr = ":" + port
	}
	if *exitWithParent {
		go watchParent(os.Getppid())
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if *delay > 0 {
			time.Sleep(*delay)
		}
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	})
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.ListenAndServe())
}

// watchParent exits once this process is re-parented, i.e. the process that started it is gone.
func watchParent(ppid int) {
	for range time.Tick(200 * time.Millisecond) {
		if os.Getppid() != ppid {
			os.Exit(3)
		}
	}
}
