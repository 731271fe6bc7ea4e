// Command echo is the Go HTTP server every runtime is measured with: a small fixed response on "/",
// keep-alive, standard library only, so that what differs between runs is the runtime, not the server.
// "/json" encodes a freshly generated payload (CPU and allocation heavy: what CPU quotas and the GC cost), and
// "/debug/gc" reports the server's own GC counters, read before and after a load window, and "/debug/start" the
// server's own start: when main began, how long Go had initialised before it, and when the listener opened.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// item is one element of the /json payload: a mix of strings, numbers and a nested slice, as an API reply has.
type item struct {
	ID      int       `json:"id"`
	Name    string    `json:"name"`
	Tags    []string  `json:"tags"`
	Score   float64   `json:"score"`
	Created time.Time `json:"created"`
	Active  bool      `json:"active"`
}

// payloadItems is the size of one /json reply: about 20 KB of JSON, a few hundred microseconds of CPU.
const payloadItems = 150

func payload(seed int) []item {
	items := make([]item, payloadItems)
	base := time.Unix(1700000000, 0).UTC()
	for i := range items {
		n := seed + i
		items[i] = item{ID: n, Name: "item-" + strconv.Itoa(n), Tags: []string{"go", "probelab", strconv.Itoa(n % 7)},
			Score: float64(n%1000) / 7, Created: base.Add(time.Duration(n) * time.Second), Active: n%2 == 0}
	}
	return items
}

// gcStats is /debug/gc's reply: cumulative counters, so a window's figures are after minus before.
type gcStats struct {
	NumGC          uint32 `json:"numGc"`
	PauseTotalNs   uint64 `json:"pauseTotalNs"`
	HeapAllocBytes uint64 `json:"heapAllocBytes"`
	SysBytes       uint64 `json:"sysBytes"`
	GoMaxProcs     int    `json:"gomaxprocs"`
	NumCPU         int    `json:"numCpu"`
	MemoryLimit    int64  `json:"memoryLimitBytes"`
	GoVersion      string `json:"goVersion"`
}

// startTimes is /debug/start's reply. Wall-clock times are Unix nanoseconds: a container shares the host's clock
// (one kernel), so the prober can place them between its start command and the first answer it saw.
type startTimes struct {
	MainUnixNanos   int64 `json:"mainUnixNanos"`
	GoInitNanos     int64 `json:"goInitNanos"`
	ListenUnixNanos int64 `json:"listenUnixNanos"`
}

var body = []byte("probelab echo: ok\n")

// goInitNanos is how long Go ran before main: the monotonic reading of a time.Now() taken first thing in main. Go
// counts that reading from the time package's own initialisation, early in the process (after the runtime's setup,
// before the package inits of net, crypto and net/http), and prints it as "m=+SECONDS"; -1 if it is not there.
func goInitNanos(now time.Time) int64 {
	s := now.String()
	i := strings.LastIndex(s, " m=")
	if i < 0 {
		return -1
	}
	secs, err := strconv.ParseFloat(strings.TrimPrefix(s[i+3:], "+"), 64)
	if err != nil {
		return -1
	}
	return int64(secs * 1e9)
}

func main() {
	entered := time.Now()
	started := startTimes{MainUnixNanos: entered.UnixNano(), GoInitNanos: goInitNanos(entered)}
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
	var requests atomic.Int64
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		b, err := json.Marshal(payload(int(requests.Add(1) % 10000)))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
	})
	mux.HandleFunc("/debug/gc", func(w http.ResponseWriter, r *http.Request) {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		b, _ := json.Marshal(gcStats{NumGC: m.NumGC, PauseTotalNs: m.PauseTotalNs, HeapAllocBytes: m.HeapAlloc,
			SysBytes: m.Sys, GoMaxProcs: runtime.GOMAXPROCS(0), NumCPU: runtime.NumCPU(),
			MemoryLimit: debug.SetMemoryLimit(-1), GoVersion: runtime.Version()})
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
	})
	mux.HandleFunc("/debug/start", func(w http.ResponseWriter, r *http.Request) {
		b, _ := json.Marshal(started)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
	})
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	started.ListenUnixNanos = time.Now().UnixNano()
	log.Fatal(srv.Serve(ln))
}

// watchParent exits once this process is re-parented, i.e. the process that started it is gone.
func watchParent(ppid int) {
	for range time.Tick(200 * time.Millisecond) {
		if os.Getppid() != ppid {
			os.Exit(3)
		}
	}
}
