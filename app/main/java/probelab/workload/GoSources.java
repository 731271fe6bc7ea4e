package probelab.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the Go source files of a {@link GoProjectPlan}; every value comes from the plan, so output is stable. */
final class GoSources {

    /** Marker the incremental-build edit looks for; the literal before it is what changes. */
    static final String EDIT_MARKER = "// probelab:edit";

    private GoSources() {
    }

    /** Relative path (forward slashes) to content, in write order. */
    static Map<String, String> render(GoProjectPlan plan) {
        Map<String, String> files = new LinkedHashMap<>();
        if (plan.size == ProjectSize.TINY) {
            files.put("go.mod", "module example.com/workload/tiny\n\ngo 1.19\n");
            files.put("main.go", tabs(TINY_MAIN));
            files.put("main_test.go", tabs(TINY_TEST));
            return files;
        }
        boolean workspace = plan.modules.size() > 1;
        if (workspace) {
            StringBuilder work = new StringBuilder("go 1.19\n\nuse (\n");
            for (GoProjectPlan.Module module : plan.modules) {
                work.append("\t./").append(module.dir()).append('\n');
            }
            files.put("go.work", work.append(")\n").toString());
        }
        for (GoProjectPlan.Module module : plan.modules) {
            String prefix = module.dir().isEmpty() ? "" : module.dir() + "/";
            files.put(prefix + "go.mod", "module " + module.path() + "\n\ngo 1.19\n");
            for (GoProjectPlan.Pkg pkg : module.packages()) {
                renderPackage(pkg, files);
            }
            if (module.hasCommand()) {
                String cmdDir = prefix + "cmd/" + module.commandName() + "/";
                files.put(cmdDir + "main.go", mainFile(plan.roots(module)));
                files.put(cmdDir + "main_test.go", tabs(MAIN_TEST));
            }
        }
        return files;
    }

    private static void renderPackage(GoProjectPlan.Pkg pkg, Map<String, String> files) {
        String dir = pkg.dir() + "/";
        Map<String, String> vars = Map.of("pkg", pkg.name, "noun", pkg.name.replaceAll("[0-9]+$", ""));
        files.put(dir + "record.go", fill(RECORD, vars));
        for (int e = 0; e < pkg.entities.size(); e++) {
            String type = pkg.entities.get(e);
            files.put(dir + type.toLowerCase(Locale.ROOT) + ".go", entity(pkg, e, type));
        }
        if (pkg.store) {
            files.put(dir + "store.go", fill(STORE, vars));
        }
        if (pkg.generic) {
            files.put(dir + "generic.go", fill(GENERIC, vars));
        }
        if (pkg.worker) {
            files.put(dir + "worker.go", fill(WORKER, vars));
        }
        files.put(dir + "compose.go", compose(pkg));
        files.put(dir + pkg.name + "_test.go", test(pkg));
    }

    private static String entity(GoProjectPlan.Pkg pkg, int e, String type) {
        int salt = pkg.index * 7 + e * 13;
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("pkg", pkg.name);
        vars.put("T", type);
        vars.put("r", type.substring(0, 1).toLowerCase(Locale.ROOT));
        vars.put("key", type.toLowerCase(Locale.ROOT));
        vars.put("a", Integer.toString(3 + salt % 17));
        vars.put("b", Integer.toString(1 + salt % 29));
        vars.put("c", Integer.toString(2 + salt % 11));
        vars.put("limit", Integer.toString(1_000_000 + salt));
        String[] bodies = {SCORE_TAGS, SCORE_HASH, SCORE_SWITCH};
        vars.put("score", fill(bodies[salt % bodies.length], vars));
        return fill(ENTITY, vars);
    }

    private static String compose(GoProjectPlan.Pkg pkg) {
        StringBuilder out = new StringBuilder();
        out.append("package ").append(pkg.name).append("\n\nimport (\n\t\"fmt\"\n");
        if (!pkg.deps.isEmpty()) {
            out.append('\n');
            for (GoProjectPlan.Pkg dep : pkg.deps) {
                out.append("\t\"").append(dep.importPath()).append("\"\n");
            }
        }
        out.append(")\n\n");
        out.append("// Sample returns one record of each kind in this package, derived from seed.\n");
        out.append("func Sample(seed int) []Record {\n\treturn []Record{\n");
        for (int e = 0; e < pkg.entities.size(); e++) {
            String type = pkg.entities.get(e);
            out.append("\t\tNew").append(type).append(e == 0 ? "(seed" : "(seed+" + e).append(", \"")
                    .append(type.toLowerCase(Locale.ROOT)).append(' ').append(pkg.name).append("\"),\n");
        }
        out.append("\t}\n}\n\n");
        out.append("// Local mixes seed with constants of this package only, so importers can call it cheaply.\n");
        out.append("func Local(seed int) int {\n");
        out.append("\trevision := 0 ").append(EDIT_MARKER).append(" (the incremental-build probe rewrites this literal)\n");
        out.append("\treturn seed*").append(31 + pkg.index % 17).append(" + revision + len(Version)\n}\n\n");
        out.append("// Compose folds this package's sample with what its dependencies report.\n");
        out.append("func Compose(seed int) (int, error) {\n\ttotal := Local(seed)\n");
        out.append("\tfor _, rec := range Sample(seed) {\n");
        out.append("\t\tif err := rec.Validate(); err != nil {\n");
        out.append("\t\t\treturn 0, fmt.Errorf(\"").append(pkg.name).append(": compose seed %d: %w\", seed, err)\n");
        out.append("\t\t}\n\t\ttotal += rec.Score()\n\t}\n");
        for (int d = 0; d < pkg.deps.size(); d++) {
            GoProjectPlan.Pkg dep = pkg.deps.get(d);
            out.append("\ttotal += ").append(dep.name).append(".Local(seed + ").append(d + 1).append(")\n");
            out.append("\tfor _, rec := range ").append(dep.name).append(".Sample(seed) {\n");
            out.append("\t\ttotal += rec.Score() % ").append(97 + d).append("\n\t}\n");
            if (dep.generic) {
                out.append("\ttotal += ").append(dep.name).append(".Sum(").append(dep.name)
                        .append(".Map([]int{seed, total % 7}, func(v int) int { return v * ").append(d + 2)
                        .append(" }))\n");
            }
        }
        out.append("\treturn total, nil\n}\n");
        return out.toString();
    }

    private static String test(GoProjectPlan.Pkg pkg) {
        StringBuilder out = new StringBuilder();
        out.append("package ").append(pkg.name).append("\n\nimport (\n");
        if (pkg.worker) {
            out.append("\t\"context\"\n");
        }
        out.append("\t\"errors\"\n\t\"testing\"\n)\n\n");
        Map<String, String> vars = Map.of("T", pkg.entities.get(0));
        out.append(fill(TEST_COMMON, vars));
        if (pkg.store) {
            out.append('\n').append(tabs(TEST_STORE));
        }
        if (pkg.generic) {
            out.append('\n').append(tabs(TEST_GENERIC));
        }
        if (pkg.worker) {
            out.append('\n').append(tabs(TEST_WORKER));
        }
        return out.toString();
    }

    private static String mainFile(List<GoProjectPlan.Pkg> roots) {
        StringBuilder out = new StringBuilder();
        out.append("// Command wires the generated packages together so one binary links all of them.\n");
        out.append("package main\n\nimport (\n\t\"flag\"\n\t\"fmt\"\n\t\"os\"\n\n");
        for (GoProjectPlan.Pkg pkg : roots) {
            out.append("\t\"").append(pkg.importPath()).append("\"\n");
        }
        out.append(")\n\n");
        out.append("// composers run in a fixed order so the printed total is reproducible.\n");
        out.append("var composers = []struct {\n\tname string\n\tfn   func(int) (int, error)\n}{\n");
        for (GoProjectPlan.Pkg pkg : roots) {
            out.append("\t{\"").append(pkg.name).append("\", ").append(pkg.name).append(".Compose},\n");
        }
        out.append("}\n\n");
        out.append(tabs(MAIN_RUN));
        return out.toString();
    }

    /** Replaces {{name}} placeholders; a missing name is a bug in a template, so it fails loudly. */
    static String fill(String template, Map<String, String> vars) {
        String text = tabs(template);
        StringBuilder out = new StringBuilder(text.length() + 64);
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                return out.append(text, from, text.length()).toString();
            }
            int close = text.indexOf("}}", open);
            String name = text.substring(open + 2, close);
            String value = vars.get(name);
            if (value == null) {
                throw new IllegalStateException("template variable not set: " + name);
            }
            out.append(text, from, open).append(value);
            from = close + 2;
        }
    }

    /** Templates are indented with four spaces to stay readable in Java; Go wants tabs. */
    static String tabs(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int lineStart = 0;
        while (lineStart < text.length()) {
            int end = text.indexOf('\n', lineStart);
            end = end < 0 ? text.length() : end + 1;
            int pos = lineStart;
            while (text.startsWith("    ", pos)) {
                out.append('\t');
                pos += 4;
            }
            out.append(text, pos, end);
            lineStart = end;
        }
        return out.toString();
    }

    private static final String RECORD = """
            // Package {{pkg}} models the {{noun}} domain of the generated workload.
            package {{pkg}}

            import (
                "errors"
                "fmt"
            )

            // Version identifies this package in composed checksums.
            const Version = "{{pkg}}/v1"

            // ErrNotFound is returned when a key has no record.
            var ErrNotFound = errors.New("{{pkg}}: not found")

            // ErrInvalid is wrapped by every validation failure so callers can use errors.Is.
            var ErrInvalid = errors.New("{{pkg}}: invalid record")

            // ValidationError names the field that failed validation.
            type ValidationError struct {
                Field  string
                Reason string
            }

            func (e *ValidationError) Error() string {
                return fmt.Sprintf("{{pkg}}: field %s: %s", e.Field, e.Reason)
            }

            // Unwrap lets errors.Is match ErrInvalid.
            func (e *ValidationError) Unwrap() error { return ErrInvalid }

            // Record is implemented by every entity in this package.
            type Record interface {
                Key() string
                Score() int
                Validate() error
            }
            """;

    private static final String ENTITY = """
            package {{pkg}}

            import (
                "fmt"
                "strings"
            )

            // {{T}} is one of the record kinds of this package.
            type {{T}} struct {
                ID     int
                Name   string
                Weight int
                Tags   []string
            }

            // New{{T}} builds a {{T}} whose tags are the words of its name.
            func New{{T}}(id int, name string) *{{T}} {
                return &{{T}}{ID: id, Name: name, Weight: id*{{a}} + {{b}}, Tags: strings.Fields(name)}
            }

            // Key implements Record.
            func ({{r}} *{{T}}) Key() string { return fmt.Sprintf("{{key}}-%d", {{r}}.ID) }

            // Score implements Record.
            func ({{r}} *{{T}}) Score() int {
            {{score}}}

            // Validate implements Record.
            func ({{r}} *{{T}}) Validate() error {
                if {{r}}.ID < 0 {
                    return &ValidationError{Field: "ID", Reason: fmt.Sprintf("negative id %d", {{r}}.ID)}
                }
                if strings.TrimSpace({{r}}.Name) == "" {
                    return &ValidationError{Field: "Name", Reason: "empty"}
                }
                if {{r}}.Weight > {{limit}} {
                    return fmt.Errorf("{{key}} %d weight %d: %w", {{r}}.ID, {{r}}.Weight, ErrInvalid)
                }
                return nil
            }

            // Describe renders the record for logs.
            func ({{r}} *{{T}}) Describe() string {
                var sb strings.Builder
                fmt.Fprintf(&sb, "{{T}}(%d, %q", {{r}}.ID, {{r}}.Name)
                for _, tag := range {{r}}.Tags {
                    sb.WriteString(", #")
                    sb.WriteString(tag)
                }
                sb.WriteString(")")
                return sb.String()
            }
            """;

    private static final String SCORE_TAGS = """
                total := {{r}}.Weight
                for idx, tag := range {{r}}.Tags {
                    total += len(tag) * (idx + {{c}})
                }
                if total%2 == 0 {
                    total /= 2
                }
                return total
            """;

    private static final String SCORE_HASH = """
                hash := {{c}}
                for _, ch := range {{r}}.Name {
                    hash = (hash*31 + int(ch)) % 1000003
                }
                return hash + {{r}}.Weight%{{c}}
            """;

    private static final String SCORE_SWITCH = """
                switch {
                case {{r}}.Weight > {{c}}*10:
                    return {{r}}.Weight - {{c}}
                case len({{r}}.Tags) > 1:
                    return {{r}}.Weight + len({{r}}.Tags)*{{c}}
                default:
                    return {{r}}.ID + {{c}}
                }
            """;

    private static final String STORE = """
            package {{pkg}}

            import (
                "sort"
                "sync"
            )

            // Store keeps records by key; the implementations trade lookup cost for write cost.
            type Store interface {
                Put(rec Record) error
                Get(key string) (Record, error)
                Keys() []string
            }

            var (
                _ Store = (*MemStore)(nil)
                _ Store = (*LogStore)(nil)
            )

            // MemStore is a map-backed Store that is safe for concurrent use.
            type MemStore struct {
                mu   sync.RWMutex
                recs map[string]Record
            }

            // NewMemStore returns an empty MemStore.
            func NewMemStore() *MemStore { return &MemStore{recs: make(map[string]Record)} }

            // Put validates first so the store never holds an invalid record.
            func (m *MemStore) Put(rec Record) error {
                if err := rec.Validate(); err != nil {
                    return err
                }
                m.mu.Lock()
                defer m.mu.Unlock()
                m.recs[rec.Key()] = rec
                return nil
            }

            // Get returns ErrNotFound for unknown keys.
            func (m *MemStore) Get(key string) (Record, error) {
                m.mu.RLock()
                defer m.mu.RUnlock()
                rec, ok := m.recs[key]
                if !ok {
                    return nil, ErrNotFound
                }
                return rec, nil
            }

            // Keys are sorted because map iteration order is random.
            func (m *MemStore) Keys() []string {
                m.mu.RLock()
                defer m.mu.RUnlock()
                keys := make([]string, 0, len(m.recs))
                for key := range m.recs {
                    keys = append(keys, key)
                }
                sort.Strings(keys)
                return keys
            }

            // LogStore appends records; later writes shadow earlier ones.
            type LogStore struct {
                log []Record
            }

            // Put appends rec after validating it.
            func (l *LogStore) Put(rec Record) error {
                if err := rec.Validate(); err != nil {
                    return err
                }
                l.log = append(l.log, rec)
                return nil
            }

            // Get scans from the end so the newest write wins.
            func (l *LogStore) Get(key string) (Record, error) {
                for idx := len(l.log) - 1; idx >= 0; idx-- {
                    if l.log[idx].Key() == key {
                        return l.log[idx], nil
                    }
                }
                return nil, ErrNotFound
            }

            // Keys returns each key once, in first-write order.
            func (l *LogStore) Keys() []string {
                seen := make(map[string]bool, len(l.log))
                var keys []string
                for _, rec := range l.log {
                    if !seen[rec.Key()] {
                        seen[rec.Key()] = true
                        keys = append(keys, rec.Key())
                    }
                }
                return keys
            }
            """;

    private static final String GENERIC = """
            package {{pkg}}

            import "sort"

            // Number is the constraint of the arithmetic helpers.
            type Number interface {
                ~int | ~int32 | ~int64 | ~float64
            }

            // Sum adds xs; an empty slice sums to the zero value.
            func Sum[T Number](xs []T) T {
                var total T
                for _, x := range xs {
                    total += x
                }
                return total
            }

            // Map applies fn to each element, preserving order.
            func Map[T, U any](xs []T, fn func(T) U) []U {
                out := make([]U, 0, len(xs))
                for _, x := range xs {
                    out = append(out, fn(x))
                }
                return out
            }

            // Filter keeps the elements for which keep returns true.
            func Filter[T any](xs []T, keep func(T) bool) []T {
                var out []T
                for _, x := range xs {
                    if keep(x) {
                        out = append(out, x)
                    }
                }
                return out
            }

            // Set is a collection of distinct values; the zero value is ready to use.
            type Set[T comparable] struct {
                items map[T]struct{}
            }

            // Add inserts v and reports whether it was new.
            func (s *Set[T]) Add(v T) bool {
                if s.items == nil {
                    s.items = make(map[T]struct{})
                }
                if _, ok := s.items[v]; ok {
                    return false
                }
                s.items[v] = struct{}{}
                return true
            }

            // Sorted orders the items with less, since map iteration order is random.
            func (s *Set[T]) Sorted(less func(a, b T) bool) []T {
                out := make([]T, 0, len(s.items))
                for v := range s.items {
                    out = append(out, v)
                }
                sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
                return out
            }
            """;

    private static final String WORKER = """
            package {{pkg}}

            import (
                "context"
                "sync"
            )

            // ScoreAll scores recs on a pool of workers; results keep the input order.
            func ScoreAll(ctx context.Context, recs []Record, workers int) ([]int, error) {
                if workers < 1 {
                    workers = 1
                }
                type job struct {
                    idx int
                    rec Record
                }
                jobs := make(chan job)
                scores := make([]int, len(recs))
                // Buffered to len(recs) so a worker never blocks on reporting an error.
                errs := make(chan error, len(recs))
                var wg sync.WaitGroup
                for w := 0; w < workers; w++ {
                    wg.Add(1)
                    go func() {
                        defer wg.Done()
                        for j := range jobs {
                            if err := j.rec.Validate(); err != nil {
                                errs <- err
                                continue
                            }
                            scores[j.idx] = j.rec.Score()
                        }
                    }()
                }
            send:
                for idx, rec := range recs {
                    select {
                    case jobs <- job{idx: idx, rec: rec}:
                    case <-ctx.Done():
                        break send
                    }
                }
                close(jobs)
                wg.Wait()
                close(errs)
                if err := ctx.Err(); err != nil {
                    return nil, err
                }
                if err, ok := <-errs; ok {
                    return nil, err
                }
                return scores, nil
            }

            // Squares streams the squares of xs and closes the channel when done or cancelled.
            func Squares(ctx context.Context, xs []int) <-chan int {
                out := make(chan int)
                go func() {
                    defer close(out)
                    for _, x := range xs {
                        select {
                        case out <- x * x:
                        case <-ctx.Done():
                            return
                        }
                    }
                }()
                return out
            }

            // Counter is a tally that is safe for concurrent use.
            type Counter struct {
                mu     sync.Mutex
                counts map[string]int
            }

            // Inc adds one to key and returns the new count.
            func (c *Counter) Inc(key string) int {
                c.mu.Lock()
                defer c.mu.Unlock()
                if c.counts == nil {
                    c.counts = make(map[string]int)
                }
                c.counts[key]++
                return c.counts[key]
            }
            """;

    private static final String TEST_COMMON = """
            func TestSampleRecordsAreValid(t *testing.T) {
                for _, rec := range Sample(3) {
                    if err := rec.Validate(); err != nil {
                        t.Errorf("%s: %v", rec.Key(), err)
                    }
                }
            }

            func TestNegativeIDIsAValidationError(t *testing.T) {
                err := New{{T}}(-1, "broken").Validate()
                var verr *ValidationError
                if !errors.As(err, &verr) || verr.Field != "ID" {
                    t.Fatalf("want a ValidationError on ID, got %v", err)
                }
                if !errors.Is(err, ErrInvalid) {
                    t.Fatalf("want errors.Is(err, ErrInvalid), got %v", err)
                }
            }

            func TestComposeIsDeterministic(t *testing.T) {
                first, err := Compose(5)
                if err != nil {
                    t.Fatal(err)
                }
                second, err := Compose(5)
                if err != nil {
                    t.Fatal(err)
                }
                if first != second {
                    t.Fatalf("Compose(5) gave %d then %d", first, second)
                }
            }
            """;

    private static final String TEST_STORE = """
            func TestStoresRoundTrip(t *testing.T) {
                for _, store := range []Store{NewMemStore(), &LogStore{}} {
                    recs := Sample(1)
                    for _, rec := range recs {
                        if err := store.Put(rec); err != nil {
                            t.Fatalf("%T: %v", store, err)
                        }
                    }
                    if got := len(store.Keys()); got != len(recs) {
                        t.Errorf("%T: %d keys, want %d", store, got, len(recs))
                    }
                    if got, err := store.Get(recs[0].Key()); err != nil || got.Key() != recs[0].Key() {
                        t.Errorf("%T: Get(%q) = %v, %v", store, recs[0].Key(), got, err)
                    }
                    if _, err := store.Get("missing"); !errors.Is(err, ErrNotFound) {
                        t.Errorf("%T: want ErrNotFound, got %v", store, err)
                    }
                }
            }
            """;

    private static final String TEST_GENERIC = """
            func TestGenericHelpers(t *testing.T) {
                doubled := Map([]int{1, 2, 3}, func(v int) int { return v * 2 })
                if got := Sum(doubled); got != 12 {
                    t.Errorf("Sum = %d, want 12", got)
                }
                if got := Filter(doubled, func(v int) bool { return v%4 != 0 }); len(got) != 2 {
                    t.Errorf("Filter kept %v, want two values", got)
                }
                var set Set[string]
                set.Add("b")
                set.Add("a")
                if set.Add("a") {
                    t.Error("adding a duplicate reported it as new")
                }
                got := set.Sorted(func(a, b string) bool { return a < b })
                if len(got) != 2 || got[0] != "a" || got[1] != "b" {
                    t.Errorf("Sorted = %v, want [a b]", got)
                }
            }
            """;

    private static final String TEST_WORKER = """
            func TestScoreAllMatchesSequentialScores(t *testing.T) {
                recs := Sample(7)
                got, err := ScoreAll(context.Background(), recs, 3)
                if err != nil {
                    t.Fatal(err)
                }
                for idx, rec := range recs {
                    if got[idx] != rec.Score() {
                        t.Errorf("%s: pool scored %d, sequential %d", rec.Key(), got[idx], rec.Score())
                    }
                }
            }

            func TestSquaresStreamsInOrder(t *testing.T) {
                var got []int
                for v := range Squares(context.Background(), []int{1, 2, 3}) {
                    got = append(got, v)
                }
                if len(got) != 3 || got[2] != 9 {
                    t.Fatalf("Squares = %v, want [1 4 9]", got)
                }
                var counter Counter
                counter.Inc("x")
                if n := counter.Inc("x"); n != 2 {
                    t.Fatalf("Inc returned %d, want 2", n)
                }
            }
            """;

    private static final String MAIN_RUN = """
            func run(seed int) (int, error) {
                total := 0
                for _, c := range composers {
                    v, err := c.fn(seed)
                    if err != nil {
                        return 0, fmt.Errorf("%s: %w", c.name, err)
                    }
                    total += v
                }
                return total, nil
            }

            func main() {
                seed := flag.Int("seed", 1, "seed passed to every package")
                flag.Parse()
                total, err := run(*seed)
                if err != nil {
                    fmt.Fprintln(os.Stderr, err)
                    os.Exit(1)
                }
                fmt.Println(total)
            }
            """;

    private static final String MAIN_TEST = """
            package main

            import "testing"

            func TestRunIsDeterministic(t *testing.T) {
                first, err := run(2)
                if err != nil {
                    t.Fatal(err)
                }
                second, err := run(2)
                if err != nil {
                    t.Fatal(err)
                }
                if first != second {
                    t.Fatalf("run(2) gave %d then %d", first, second)
                }
            }
            """;

    private static final String TINY_MAIN = """
            // Command tiny is the smallest workload: one package with the same language features as the larger ones.
            package main

            import (
                "context"
                "errors"
                "flag"
                "fmt"
                "os"
                "sort"
                "strings"
                "sync"
            )

            // ErrEmpty is returned for shapes without a name.
            var ErrEmpty = errors.New("tiny: empty name")

            // Shape is implemented by every figure the command knows.
            type Shape interface {
                Name() string
                Area() int
            }

            // Rect is an axis-aligned rectangle.
            type Rect struct {
                Label         string
                Width, Height int
            }

            // Name implements Shape.
            func (r Rect) Name() string { return r.Label }

            // Area implements Shape.
            func (r Rect) Area() int { return r.Width * r.Height }

            // Square is a Rect with equal sides.
            type Square struct {
                Label string
                Side  int
            }

            // Name implements Shape.
            func (s Square) Name() string { return s.Label }

            // Area implements Shape.
            func (s Square) Area() int { return s.Side * s.Side }

            // Tri is a right triangle.
            type Tri struct {
                Label      string
                Base, Rise int
            }

            // Name implements Shape.
            func (t Tri) Name() string { return t.Label }

            // Area implements Shape.
            func (t Tri) Area() int { return t.Base * t.Rise / 2 }

            // Number is the constraint of Sum.
            type Number interface {
                ~int | ~int64 | ~float64
            }

            // Sum adds xs.
            func Sum[T Number](xs []T) T {
                var total T
                for _, x := range xs {
                    total += x
                }
                return total
            }

            // Map applies fn to each element, preserving order.
            func Map[T, U any](xs []T, fn func(T) U) []U {
                out := make([]U, 0, len(xs))
                for _, x := range xs {
                    out = append(out, fn(x))
                }
                return out
            }

            func validate(s Shape) error {
                if strings.TrimSpace(s.Name()) == "" {
                    return fmt.Errorf("shape with area %d: %w", s.Area(), ErrEmpty)
                }
                return nil
            }

            // areas computes every area on its own goroutine; results keep the input order.
            func areas(ctx context.Context, shapes []Shape) ([]int, error) {
                out := make([]int, len(shapes))
                errs := make(chan error, len(shapes))
                var wg sync.WaitGroup
                for idx, s := range shapes {
                    wg.Add(1)
                    go func(idx int, s Shape) {
                        defer wg.Done()
                        if err := validate(s); err != nil {
                            errs <- err
                            return
                        }
                        out[idx] = s.Area()
                    }(idx, s)
                }
                wg.Wait()
                close(errs)
                if err := ctx.Err(); err != nil {
                    return nil, err
                }
                if err, ok := <-errs; ok {
                    return nil, err
                }
                return out, nil
            }

            func shapes(seed int) []Shape {
                revision := 0 // probelab:edit (the incremental-build probe rewrites this literal)
                return []Shape{
                    Rect{Label: "door", Width: seed + 2, Height: seed + 5},
                    Square{Label: "tile", Side: seed + 3 + revision},
                    Tri{Label: "roof", Base: seed + 4, Rise: seed + 6},
                }
            }

            func report(seed int) (string, error) {
                all := shapes(seed)
                got, err := areas(context.Background(), all)
                if err != nil {
                    return "", err
                }
                names := Map(all, func(s Shape) string { return s.Name() })
                sort.Strings(names)
                return fmt.Sprintf("%s total=%d", strings.Join(names, ","), Sum(got)), nil
            }

            func main() {
                seed := flag.Int("seed", 1, "size offset for every shape")
                flag.Parse()
                line, err := report(*seed)
                if err != nil {
                    fmt.Fprintln(os.Stderr, err)
                    os.Exit(1)
                }
                fmt.Println(line)
            }
            """;

    private static final String TINY_TEST = """
            package main

            import (
                "context"
                "errors"
                "testing"
            )

            func TestReportListsNamesAndTotal(t *testing.T) {
                got, err := report(0)
                if err != nil {
                    t.Fatal(err)
                }
                // door 2*5 + tile 3*3 + roof 4*6/2
                if want := "door,roof,tile total=31"; got != want {
                    t.Fatalf("report(0) = %q, want %q", got, want)
                }
            }

            func TestEmptyNameIsRefused(t *testing.T) {
                _, err := areas(context.Background(), []Shape{Square{Side: 2}})
                if !errors.Is(err, ErrEmpty) {
                    t.Fatalf("want ErrEmpty, got %v", err)
                }
            }

            func TestSumOfMappedValues(t *testing.T) {
                if got := Sum(Map([]int{1, 2, 3}, func(v int) int { return v * v })); got != 14 {
                    t.Fatalf("Sum = %d, want 14", got)
                }
            }
            """;
}
