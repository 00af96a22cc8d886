package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/extract"
)

var benchRecords = flag.Int("records", 100_000, "records in BenchmarkIndexCommands' corpus")

// BenchmarkIndexCommands runs the indexing commands as a user does: the
// thidua binary, built for the benchmark, in a child process limited to
// one core (GOMAXPROCS=1), on generated records (corpus.Generate over the
// gold records, 100,000 by default). It reports records per second of wall
// time and per CPU second of the child (user + system), and the child's
// peak resident memory, for:
//
//   - import: `thidua import` of the records into an empty corpus (the
//     bulk path: stored, and indexed by bleve's offline builder);
//   - put: the same import into a corpus that already has records, where
//     each batch is stored and then added to the live index, as a night
//     adds its records;
//   - reindex: `thidua index --rebuild` of the corpus made by import.
//
// Run: go test ./cmd/thidua -run '^$' -bench IndexCommands -benchtime 1x
func BenchmarkIndexCommands(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "thidua")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	seeds := filepath.Join(dir, "seeds.jsonl")
	if err := os.WriteFile(seeds, mustRead(b, goldRecords), 0o644); err != nil {
		b.Fatal(err)
	}
	gen := writeGenerated(b, filepath.Join(dir, "gen.jsonl"), *benchRecords)

	for b.Loop() {
		bulk, put := b.TempDir(), b.TempDir()
		run := func(metric string, args ...string) {
			st := runChild(b, bin, args...)
			n := float64(*benchRecords)
			b.ReportMetric(n/st.wall.Seconds(), metric+"-records/s")
			b.ReportMetric(n/st.cpu.Seconds(), metric+"-records/cpu-s")
			b.ReportMetric(st.maxRSS, metric+"-max-rss-MiB")
		}
		run("import", "import", "--data", bulk, gen)
		runChild(b, bin, "import", "--data", put, seeds)
		run("put", "import", "--data", put, gen)
		run("reindex", "index", "--rebuild", "--data", bulk)
	}
}

const goldRecords = "../../testdata/corpus/gold.jsonl"

// childStats is what a child process used.
type childStats struct {
	wall, cpu time.Duration
	maxRSS    float64 // MiB
}

// runChild runs the binary with GOMAXPROCS=1 and Go's default garbage
// collector settings, and returns its wall time, CPU time and peak
// resident memory.
func runChild(b *testing.B, bin string, args ...string) childStats {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	cmd.Env = filterEnv(cmd.Env, "GOGC=", "GOMEMLIMIT=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr.String())
	}
	st := childStats{wall: time.Since(start)}
	st.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		st.maxRSS = float64(ru.Maxrss) / 1024 // Linux: KiB
	}
	return st
}

// filterEnv drops the variables with the given prefixes, so that the
// benchmark's own GOGC does not reach the child.
func filterEnv(env []string, prefixes ...string) []string {
	out := env[:0:0]
next:
	for _, kv := range env {
		for _, p := range prefixes {
			if strings.HasPrefix(kv, p) {
				continue next
			}
		}
		out = append(out, kv)
	}
	return out
}

func mustRead(b *testing.B, path string) []byte {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// writeGenerated writes n records generated from the gold records as JSONL.
func writeGenerated(b *testing.B, path string, n int) string {
	b.Helper()
	var seeds []extract.Record
	sc := bufio.NewScanner(strings.NewReader(string(mustRead(b, goldRecords))))
	sc.Buffer(nil, 1<<24)
	for line := 1; sc.Scan(); line++ {
		var r extract.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatalf("%s:%d: %v", goldRecords, line, err)
		}
		seeds = append(seeds, r)
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := corpus.GenerateJSONL(f, seeds, n); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}
